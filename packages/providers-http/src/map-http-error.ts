import { LLMRouterError } from '@llmrouter/errors';
import { parseRetryAfter } from './retry-policy';

/** What an error message needs to say which upstream failed and what to change. */
export interface UpstreamErrorContext {
  /** The canonical provider id (`nvidia`, `anthropic`, …). */
  provider: string;
  displayName: string;
  modelId: string;
  /** The URL the request went to. */
  url: string;
  baseUrl: string;
  /** Where the key came from (`NVIDIA_API_KEY`, `api_keys entry 2 of 3`); undefined when none was sent. */
  keySource?: string | undefined;
  /** The variable a user sets to fix a key problem. */
  keyVariable?: string | undefined;
  /** The upstream's models, from GET /models, when a 404 made us ask. */
  availableModels?: readonly string[] | undefined;
  timeouts?: {
    connectTimeoutMs: number;
    firstByteTimeoutMs: number;
    idleTimeoutMs: number;
    timeoutMs: number;
  };
}

const CONTEXT_LENGTH =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|maximum (input )?length|exceeds? the (model'?s? )?(max|context)/i;
const CONTENT_FILTER = /content[_ ]?(filter|policy|management)|safety system|flagged/i;
const MODEL_LOADING = /loading|warming up|not ready/i;

/** The upstream's own words: OpenAI `{error:{message}}`, Ollama `{error:"…"}`, FastAPI `{detail}`, or the text. */
export function upstreamMessage(bodyText: string): string {
  const fallback = bodyText.trim().slice(0, 300);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return fallback;
  }
  return findMessage(parsed) ?? fallback;
}

function findMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return findMessage(value[0]);
  const record = value as Record<string, unknown>;
  return (
    findMessage(record.error) ??
    findMessage(record.message) ??
    findMessage(record.detail) ??
    findMessage(record.msg)
  );
}

/** The upstream's machine-readable error code or type (`context_length_exceeded`, `overloaded_error`). */
export function upstreamErrorType(bodyText: string): string | undefined {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: unknown; type?: unknown }; type?: unknown };
    const found = parsed.error?.code ?? parsed.error?.type ?? parsed.type;
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}

export interface HttpErrorInput {
  status: number;
  bodyText: string;
  headers: Record<string, string | string[] | undefined>;
  context: UpstreamErrorContext;
}

/** Maps an HTTP error answer to the LLMRouterError a user can act on. */
export function mapHttpError({ status, bodyText, headers, context }: HttpErrorInput): LLMRouterError {
  const said = upstreamMessage(bodyText);
  const type = upstreamErrorType(bodyText) ?? '';
  const { provider, modelId, displayName } = context;
  const base = { provider, modelId, details: { status, url: context.url, upstreamType: type || undefined } };
  const where = `${displayName} (${context.url}) answered ${status}`;
  const message = `${where}: ${said || 'no message'}`;

  if ((status === 400 || status === 422 || status === 413) && CONTEXT_LENGTH.test(`${said} ${type}`)) {
    return new LLMRouterError({
      ...base,
      code: 'context_length_exceeded',
      message,
      hint: `Shorten the prompt or lower maxTokens: model "${modelId}" cannot take this much text.`,
    });
  }
  if (status === 400 && CONTENT_FILTER.test(`${said} ${type}`)) {
    return new LLMRouterError({ ...base, code: 'content_filtered', message, hint: 'Rephrase the request.' });
  }
  switch (status) {
    case 400:
    case 422:
      return new LLMRouterError({
        ...base,
        code: 'provider_bad_request',
        message,
        hint: `Fix the request the upstream rejected: ${said.slice(0, 160) || 'see the message'}.`,
      });
    case 401:
      return new LLMRouterError({ ...base, code: 'provider_auth', message, hint: authHint(context) });
    case 403:
      return new LLMRouterError({
        ...base,
        code: 'model_access_denied',
        message,
        hint: `The key (${context.keySource ?? 'none sent'}) has no access to "${modelId}" at ${context.baseUrl}: enable the model for this account or pick another model.`,
      });
    case 404:
      return new LLMRouterError({ ...base, code: 'model_not_found', message, hint: notFoundHint(context) });
    case 408:
      return new LLMRouterError({
        ...base,
        code: 'provider_timeout',
        message,
        hint: 'The upstream timed out reading the request; retry, or raise its own request timeout.',
      });
    case 413:
      return new LLMRouterError({
        ...base,
        code: 'request_too_large',
        message,
        hint: 'Send a smaller request (fewer or smaller images, a shorter prompt).',
      });
    case 429: {
      const retryAfterMs = retryAfterFrom(headers);
      return new LLMRouterError({
        ...base,
        code: 'provider_rate_limited',
        message,
        hint: `${displayName} throttled the request${retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`}. Add keys to api_keys to spread the load, or lower the request rate.`,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
  }
  if (status >= 500) {
    const retryAfterMs = retryAfterFrom(headers);
    const loading = status === 503 && MODEL_LOADING.test(said);
    return new LLMRouterError({
      ...base,
      code: loading ? 'model_not_ready' : 'provider_unavailable',
      message,
      hint: loading
        ? `Model "${modelId}" is still loading at ${context.baseUrl}; retry in a moment.`
        : `${displayName} is failing (${status}); retry later or route to another model.`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new LLMRouterError({
    ...base,
    code: 'provider_bad_request',
    message,
    hint:
      status === 402
        ? `Add credit to the ${displayName} account.`
        : `Check the request against ${context.url}.`,
  });
}

function retryAfterFrom(headers: Record<string, string | string[] | undefined>): number | undefined {
  return parseRetryAfter(single(headers['retry-after']), single(headers['retry-after-ms']));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function authHint(context: UpstreamErrorContext): string {
  const variable = context.keyVariable ?? 'the api_key_env variable';
  if (context.keySource === undefined)
    return `No API key was sent: set ${variable} or api_keys for ${context.displayName}.`;
  return `${context.displayName} rejected the key from ${context.keySource}: set ${variable} (or api_keys) to a valid, unexpired key.`;
}

function notFoundHint(context: UpstreamErrorContext): string {
  const models = context.availableModels;
  if (models && models.length > 0) {
    const shown = models.slice(0, 20).join(', ');
    return `"${context.modelId}" is not served at ${context.baseUrl}. Available: ${shown}${models.length > 20 ? `, … (${models.length} in all)` : ''}.`;
  }
  return `Check the model id "${context.modelId}" and the URL ${context.url} (base_url + chat_path).`;
}
