import type { MiddlewareHandler } from 'hono';
import { exchangeOf } from '../http/hono-exchange';
import type { HttpExchange } from '../http/http-exchange';

export interface CorsOptions {
  /** Allowed origins; `*` allows any. */
  origins: readonly string[];
  /** Response headers a browser script may read. */
  exposeHeaders: readonly string[];
}

const ALLOW_METHODS = 'GET,HEAD,POST,OPTIONS';
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/** CORS for `server.cors.origins`, for Hono's middleware and for the gateway's own chat listener alike. */
export interface CorsPolicy {
  /** Puts the CORS headers on the answer to come of a request that is not a preflight. */
  decorate(exchange: HttpExchange): void;
  /** The headers of the answer to a preflight (`OPTIONS`) request. */
  preflightHeaders(exchange: HttpExchange): Record<string, string>;
}

export function corsPolicy(options: CorsOptions): CorsPolicy {
  const anyOrigin = options.origins.includes('*');
  const exposed = options.exposeHeaders.join(',');
  const allowedOrigin = (exchange: HttpExchange): string | undefined => {
    if (anyOrigin) return '*';
    const origin = exchange.header('origin');
    return origin !== undefined && options.origins.includes(origin) ? origin : undefined;
  };
  return {
    decorate(exchange) {
      const allowed = allowedOrigin(exchange);
      if (allowed) {
        exchange.setHeader('access-control-allow-origin', allowed);
        exchange.setHeader('access-control-expose-headers', exposed);
      }
      // The answer depends on the Origin unless every origin gets the same one.
      if (!anyOrigin) exchange.setHeader('vary', 'Origin');
    },
    preflightHeaders(exchange) {
      const headers: Record<string, string> = {};
      const allowed = allowedOrigin(exchange);
      if (allowed) headers['access-control-allow-origin'] = allowed;
      headers['access-control-allow-methods'] = ALLOW_METHODS;
      const requestedHeaders = exchange.header('access-control-request-headers');
      if (requestedHeaders) headers['access-control-allow-headers'] = requestedHeaders;
      headers['access-control-max-age'] = PREFLIGHT_MAX_AGE;
      const vary = anyOrigin ? [] : ['Origin'];
      if (requestedHeaders) vary.push('Access-Control-Request-Headers');
      if (vary.length > 0) headers.vary = vary.join(', ');
      return headers;
    },
  };
}

/**
 * The policy as Hono middleware. Hono's own CORS middleware reads the Origin through the web Request and
 * writes through `c.res`: under @hono/node-server the first builds a web Request (with an AbortSignal)
 * for every request, and the second makes every answer a copy. This one goes through the exchange.
 */
export function cors(policy: CorsPolicy): MiddlewareHandler {
  return async function corsMiddleware(c, next) {
    const exchange = exchangeOf(c);
    if (exchange.method === 'OPTIONS') return c.body(null, 204, policy.preflightHeaders(exchange));
    policy.decorate(exchange);
    return next();
  };
}
