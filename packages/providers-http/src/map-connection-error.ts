import { LLMRouterError } from '@llmrouter/errors';
import type { CallScope } from './call-scope';
import type { UpstreamErrorContext } from './map-http-error';

/** The first `code` found on an error, its cause chain, or its aggregated errors (happy-eyeballs connects). */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) {
      const found = errorCode(item, depth + 1);
      if (found) return found;
    }
  }
  return errorCode(record.cause, depth + 1);
}

const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/** Connection errors a retry can fix (the server restarted, a keep-alive socket went stale). */
export function isRetryableConnectionError(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return REFUSED.has(code) || RESET.has(code) || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** Maps a failure to reach or read from the upstream (no HTTP status) to an LLMRouterError. */
export function mapConnectionError(error: unknown, context: UpstreamErrorContext): LLMRouterError {
  if (LLMRouterError.is(error)) return error;
  const code = errorCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  const { provider, modelId, displayName, baseUrl } = context;
  const host = hostOf(context.url);
  const base = {
    provider,
    modelId,
    cause: error,
    details: { url: context.url, errorCode: code || undefined },
  };
  const timeouts = context.timeouts;
  if (REFUSED.has(code)) {
    return new LLMRouterError({
      ...base,
      code: 'provider_unavailable',
      message: `Connection refused by ${host} (${displayName}).`,
      hint: `Is the server running at ${baseUrl}? Start it, or fix base_url.`,
    });
  }
  if (DNS.has(code)) {
    return new LLMRouterError({
      ...base,
      code: 'provider_unavailable',
      message: `DNS lookup failed for host "${hostnameOf(context.url)}" (${displayName}): ${code}.`,
      hint: `Check the host name in base_url (${baseUrl}) and this machine's DNS and network.`,
    });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return timeout(base, `Could not connect to ${host} within ${timeouts?.connectTimeoutMs ?? '?'} ms.`, {
      hint: `Check that ${baseUrl} is reachable from here, or raise connect_timeout_ms.`,
    });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return timeout(
      base,
      `${displayName} sent no response within ${timeouts?.firstByteTimeoutMs ?? '?'} ms.`,
      {
        hint: 'Raise first_byte_timeout_ms (a non-streaming answer arrives all at once), or stream the request.',
      },
    );
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return timeout(
      base,
      `${displayName} sent nothing for ${timeouts?.idleTimeoutMs ?? '?'} ms mid-response.`,
      {
        hint: 'The upstream stalled; retry, or raise idle_timeout_ms for slow models.',
      },
    );
  }
  if (RESET.has(code)) {
    return new LLMRouterError({
      ...base,
      code: 'provider_unavailable',
      message: `${displayName} closed the connection (${host}): ${detail}.`,
      hint: `The server at ${baseUrl} dropped the connection; retry, and check its logs if it keeps happening.`,
    });
  }
  if (UNREACHABLE.has(code)) {
    return new LLMRouterError({
      ...base,
      code: 'provider_unavailable',
      message: `Network unreachable for ${host} (${displayName}): ${code}.`,
      hint: `Check the network route to ${baseUrl}.`,
    });
  }
  if (
    code.startsWith('ERR_TLS') ||
    code.startsWith('CERT_') ||
    code.includes('SSL') ||
    code.startsWith('UNABLE_TO')
  ) {
    return new LLMRouterError({
      ...base,
      code: 'provider_unavailable',
      message: `TLS handshake with ${host} failed (${displayName}): ${detail}.`,
      hint: `Check the certificate of ${baseUrl}, or set NODE_EXTRA_CA_CERTS for a private CA.`,
    });
  }
  return new LLMRouterError({
    ...base,
    code: 'provider_unavailable',
    message: `Request to ${displayName} (${context.url}) failed: ${detail}.`,
    hint: `Check that ${baseUrl} is reachable and serves the ${displayName} API.`,
  });
}

function timeout(
  base: { provider: string; modelId: string; cause: unknown; details: Record<string, unknown> },
  message: string,
  options: { hint: string },
): LLMRouterError {
  return new LLMRouterError({ ...base, code: 'provider_timeout', message, hint: options.hint });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * A failure while reading a 2xx body. Caller aborts and the overall timeout come first; a stalled
 * body is a timeout; a connection that drops mid-stream is an interruption, never a normal finish.
 */
export function mapBodyError(
  error: unknown,
  scope: CallScope,
  context: UpstreamErrorContext,
  streaming: boolean,
): LLMRouterError {
  const ended = scope.failure(context);
  if (ended) return ended;
  if (LLMRouterError.is(error)) return error;
  const code = errorCode(error);
  if (!streaming || code === 'UND_ERR_BODY_TIMEOUT') return mapConnectionError(error, context);
  const detail = error instanceof Error ? error.message : String(error);
  return new LLMRouterError({
    code: 'provider_stream_interrupted',
    message: `The stream from ${context.displayName} (${context.url}) broke off mid-answer: ${detail}.`,
    hint: 'The connection dropped before the answer finished; retry the request.',
    provider: context.provider,
    modelId: context.modelId,
    cause: error,
  });
}

/** The stream ended (EOF) without the upstream saying it was finished. */
export function streamCutOffError(context: UpstreamErrorContext, expected: string): LLMRouterError {
  return new LLMRouterError({
    code: 'provider_stream_interrupted',
    message: `The stream from ${context.displayName} (${context.url}) ended before ${expected}.`,
    hint: 'The upstream closed the stream mid-answer (a crash or a proxy timeout); retry the request.',
    provider: context.provider,
    modelId: context.modelId,
  });
}
