/** Receives the transport's diagnostics (retries, slow upstreams); never sees keys or bodies. */
export interface HttpLogger {
  debug?: (message: string, fields?: Record<string, unknown>) => void;
  warn?: (message: string, fields?: Record<string, unknown>) => void;
}

export type AuthMode = 'bearer' | 'api-key' | 'none' | 'auto';

/** Transport settings shared by the OpenAI-compatible and Anthropic providers. */
export interface HttpTransportSettings {
  /** Milliseconds to open the TCP/TLS connection. Default 10 000. */
  connectTimeoutMs?: number;
  /**
   * Milliseconds from sending the request to the response headers. A non-streaming call receives its
   * headers only when the whole answer is ready, so keep this generous. Default 120 000.
   */
  firstByteTimeoutMs?: number;
  /** Milliseconds without a byte of the response body (between stream chunks). Default 60 000. */
  idleTimeoutMs?: number;
  /** Milliseconds for the whole call, retries and stream included. Default 600 000. */
  timeoutMs?: number;
  /** Retries on 408, 429, 5xx and connection errors, before any of the answer is read. Default 2. */
  maxRetries?: number;
  /** The first backoff delay; each retry doubles it, with jitter. `Retry-After` wins. Default 500. */
  retryBaseDelayMs?: number;
  logger?: HttpLogger;
}

/** How `validateSettings` checks each HttpTransportSettings field; both providers' schemas include it. */
export const TRANSPORT_SETTINGS_SCHEMA = {
  connectTimeoutMs: 'timeout',
  firstByteTimeoutMs: 'timeout',
  idleTimeoutMs: 'timeout',
  timeoutMs: 'timeout',
  maxRetries: 'count',
  retryBaseDelayMs: 'count',
  logger: 'logger',
} as const satisfies Record<keyof HttpTransportSettings, string>;

export interface ResolvedTransportSettings {
  connectTimeoutMs: number;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  logger: HttpLogger | undefined;
}

export function resolveTransportSettings(settings: HttpTransportSettings): ResolvedTransportSettings {
  return {
    connectTimeoutMs: settings.connectTimeoutMs ?? 10_000,
    firstByteTimeoutMs: settings.firstByteTimeoutMs ?? 120_000,
    idleTimeoutMs: settings.idleTimeoutMs ?? 60_000,
    timeoutMs: settings.timeoutMs ?? 600_000,
    maxRetries: settings.maxRetries ?? 2,
    retryBaseDelayMs: settings.retryBaseDelayMs ?? 500,
    logger: settings.logger,
  };
}
