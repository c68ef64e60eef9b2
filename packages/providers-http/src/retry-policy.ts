/** Retry-After values longer than this are not waited for: the caller (a router) should fall back instead. */
export const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/** Statuses worth another attempt: the server may answer differently in a moment. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * `Retry-After` (RFC 9110) as milliseconds from now: delay-seconds or an HTTP date. Also reads the
 * `retry-after-ms` header some OpenAI-compatible servers send. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  retryAfter: string | undefined,
  retryAfterMs?: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (retryAfterMs !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(retryAfterMs))
    return Math.ceil(Number(retryAfterMs));
  if (retryAfter === undefined) return undefined;
  const text = retryAfter.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After when it gave one, otherwise
 * exponential backoff with jitter in [½, 1] of the step, so that many clients do not retry in lockstep.
 */
export function retryDelayMs(retry: number, baseDelayMs: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const step = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** retry);
  return Math.round(step * (0.5 + Math.random() * 0.5));
}
