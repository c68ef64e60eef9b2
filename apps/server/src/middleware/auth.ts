import { createHash, timingSafeEqual } from 'node:crypto';
import { LLMRouterError, registerSecret } from '@llmrouter/errors';
import type { MiddlewareHandler } from 'hono';
import { exchangeOf } from '../http/hono-exchange';
import type { HttpExchange } from '../http/http-exchange';

export interface AuthOptions {
  /** Accepted keys; empty means auth is off. */
  keys: readonly string[];
}

/** Keys from the config and from LLMROUTER_MASTER_KEY / LLMROUTER_API_KEYS (comma-separated). */
export function gatewayKeys(
  configured: { master_key?: string | undefined; keys?: string[] | undefined } | undefined,
): string[] {
  const fromEnvironment = [
    process.env.LLMROUTER_MASTER_KEY,
    ...(process.env.LLMROUTER_API_KEYS ?? '').split(','),
  ];
  const keys = [configured?.master_key, ...(configured?.keys ?? []), ...fromEnvironment]
    .map((key) => key?.trim())
    .filter((key): key is string => Boolean(key));
  for (const key of keys) registerSecret(key);
  return [...new Set(keys)];
}

// Comparing fixed-length digests keeps the time independent of where, or whether, the keys differ.
const digest = (value: string) => createHash('sha256').update(value).digest();

export function keyMatches(presented: string | undefined, keys: readonly string[]): boolean {
  if (!presented) return false;
  const candidate = digest(presented);
  let matched = false;
  for (const key of keys) matched = timingSafeEqual(candidate, digest(key)) || matched;
  return matched;
}

/** The key a client presents: `Authorization: Bearer <key>`, `x-api-key`, or `?key=` (browsers' WebSockets). */
export function presentedKey(
  header: (name: string) => string | null | undefined,
  url?: URL,
): string | undefined {
  const authorization = header('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  return header('x-api-key') ?? url?.searchParams.get('key') ?? undefined;
}

export function unauthorized(): LLMRouterError {
  return new LLMRouterError({
    code: 'unauthorized',
    message: 'Missing or invalid API key.',
    hint: 'Send "Authorization: Bearer <key>" with a key the gateway accepts (server.auth, LLMROUTER_MASTER_KEY or LLMROUTER_API_KEYS).',
  });
}

/** Throws `unauthorized` unless auth is off or the request presents an accepted key. */
export function requireKey(keys: readonly string[], exchange: HttpExchange): void {
  if (keys.length === 0) return;
  const presented = presentedKey((name) => exchange.header(name));
  if (!keyMatches(presented, keys)) throw unauthorized();
}

export function auth(options: AuthOptions): MiddlewareHandler {
  return async function authMiddleware(c, next) {
    requireKey(options.keys, exchangeOf(c));
    return next();
  };
}
