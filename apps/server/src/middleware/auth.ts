import { createHash, timingSafeEqual } from 'node:crypto';
import { LLMRouterError, registerSecret } from '@llmrouter/errors';
import type { MiddlewareHandler } from 'hono';
import { requestHeader } from '../node-request';

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
  headers: { get(name: string): string | null | undefined },
  url?: URL,
): string | undefined {
  const authorization = headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  return headers.get('x-api-key') ?? url?.searchParams.get('key') ?? undefined;
}

export function unauthorized(): LLMRouterError {
  return new LLMRouterError({
    code: 'unauthorized',
    message: 'Missing or invalid API key.',
    hint: 'Send "Authorization: Bearer <key>" with a key the gateway accepts (server.auth, LLMROUTER_MASTER_KEY or LLMROUTER_API_KEYS).',
  });
}

export function auth(options: AuthOptions): MiddlewareHandler {
  return async function authMiddleware(c, next) {
    if (options.keys.length === 0) return next();
    if (!keyMatches(presentedKey({ get: (name) => requestHeader(c, name) }), options.keys))
      throw unauthorized();
    return next();
  };
}
