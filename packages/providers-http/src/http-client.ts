import type { LLMRouterError } from '@llmrouter/errors';
import { Agent } from 'undici';
import type { CallScope } from './call-scope';
import type { ResolvedTransportSettings } from './http-settings';
import { isRetryableConnectionError, mapBodyError, mapConnectionError } from './map-connection-error';
import { type HttpErrorInput, mapHttpError, type UpstreamErrorContext } from './map-http-error';
import { isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs } from './retry-policy';
import { type ResponseHeaders, UpstreamAnswer } from './upstream-answer';

export interface HttpSendRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  /** Called once per attempt, so every attempt takes the next key of the pool. */
  headers: () => { headers: Record<string, string>; keySource: string | undefined };
  /** Overrides the configured retries (listing models for a hint does not retry). */
  maxRetries?: number;
  /** Maps an HTTP error answer; the default is `mapHttpError`. */
  mapError?: (input: HttpErrorInput) => LLMRouterError | Promise<LLMRouterError>;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: UpstreamAnswer;
  /** The context of the attempt that succeeded (which key it used). */
  context: UpstreamErrorContext;
}

/**
 * A pooled keep-alive client for one provider instance. It retries 408/429/5xx answers and connection
 * errors with backoff (honouring Retry-After), and only before the caller reads any of a 2xx body:
 * once `send` returns, the answer belongs to the caller.
 */
export class HttpClient {
  private agent: Agent | undefined;
  private readonly targets = new Map<string, { origin: string; path: string }>();

  constructor(
    private readonly settings: ResolvedTransportSettings,
    private readonly defaultHeaders: Record<string, string>,
  ) {}

  async send(
    input: HttpSendRequest,
    scope: CallScope,
    baseContext: UpstreamErrorContext,
  ): Promise<HttpResponse> {
    const maxRetries = input.maxRetries ?? this.settings.maxRetries;
    const timeouts = this.settings;
    for (let attempt = 0; ; attempt++) {
      const { headers, keySource } = input.headers();
      const context = attemptContext(baseContext, keySource, timeouts);
      const stopped = scope.failure(context);
      if (stopped) throw stopped;
      const answer = new UpstreamAnswer();
      scope.watch(answer);
      try {
        const target = this.target(input.url);
        this.dispatcher().dispatch(
          {
            origin: target.origin,
            path: target.path,
            method: input.method,
            headers: Object.assign({}, this.defaultHeaders, headers),
            body: input.body ?? null,
            headersTimeout: this.settings.firstByteTimeoutMs,
            bodyTimeout: this.settings.idleTimeoutMs,
          },
          answer,
        );
        await answer.started();
      } catch (error) {
        const ended = scope.failure(context);
        if (ended) throw ended;
        const mapped = mapConnectionError(error, context);
        if (attempt >= maxRetries || !isRetryableConnectionError(error)) throw mapped;
        await this.wait(
          retryDelayMs(attempt, this.settings.retryBaseDelayMs, undefined),
          scope,
          context,
          mapped,
        );
        continue;
      }
      const status = answer.status;
      if (status < 400) return { status, headers: answer.headers, body: answer, context };

      const bodyText = await answer.text().catch(() => '');
      const abandoned = scope.failure(context);
      if (abandoned) throw abandoned;
      const errorInput = { status, bodyText, headers: answer.headers, context };
      const retryAfterMs = parseRetryAfter(
        single(answer.headers['retry-after']),
        single(answer.headers['retry-after-ms']),
      );
      const retryable = isRetryableStatus(status) && (retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS;
      if (attempt < maxRetries && retryable) {
        const delay = retryDelayMs(attempt, this.settings.retryBaseDelayMs, retryAfterMs);
        await this.wait(delay, scope, context, undefined, status);
        continue;
      }
      throw await (input.mapError ?? mapHttpError)(errorInput);
    }
  }

  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

  /**
   * `origin` and `path` of a URL, parsed once: the client calls the same two or three URLs all its life,
   * and undici's top-level `request(url)` parses its URL string on every call.
   */
  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (this.targets.size < 64) this.targets.set(url, target);
    }
    return target;
  }

  private dispatcher(): Agent {
    this.agent ??= new Agent({
      connect: { timeout: this.settings.connectTimeoutMs },
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    return this.agent;
  }

  private async wait(
    delayMs: number,
    scope: CallScope,
    context: UpstreamErrorContext,
    cause: LLMRouterError | undefined,
    status?: number,
  ): Promise<void> {
    this.settings.logger?.debug?.(`retrying ${context.displayName} in ${delayMs} ms`, {
      provider: context.provider,
      modelId: context.modelId,
      status,
      error: cause?.code,
    });
    try {
      await scope.sleep(delayMs);
    } catch (error) {
      throw scope.failure(context) ?? error;
    }
  }
}

/**
 * The context of one attempt, written out field by field: on Node 20 `{ ...base, more }` takes V8's slow
 * path (about 2 µs, more than the rest of an attempt's bookkeeping), while a literal of known shape is free.
 * `satisfies` makes a field added to UpstreamErrorContext a type error here until it is copied too.
 */
function attemptContext(
  base: UpstreamErrorContext,
  keySource: string | undefined,
  timeouts: ResolvedTransportSettings,
): UpstreamErrorContext {
  return {
    provider: base.provider,
    displayName: base.displayName,
    modelId: base.modelId,
    url: base.url,
    baseUrl: base.baseUrl,
    keySource,
    keyVariable: base.keyVariable,
    availableModels: base.availableModels,
    timeouts,
  } satisfies Record<keyof Required<UpstreamErrorContext>, unknown>;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A whole 2xx answer as text; a read that fails (abort, timeout, dropped connection) is mapped. */
export function readAnswerText(response: HttpResponse, scope: CallScope): Promise<string> {
  return response.body.text().catch((error: unknown) => {
    throw mapBodyError(error, scope, response.context, false);
  });
}
