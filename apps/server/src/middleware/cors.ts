import type { MiddlewareHandler } from 'hono';
import { requestHeader, setResponseHeader } from '../node-request';

export interface CorsOptions {
  /** Allowed origins; `*` allows any. */
  origins: readonly string[];
  /** Response headers a browser script may read. */
  exposeHeaders: readonly string[];
}

const ALLOW_METHODS = 'GET,HEAD,POST,OPTIONS';
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * CORS for `server.cors.origins`. Hono's own middleware reads the Origin through the web Request and
 * writes through `c.res`: under @hono/node-server the first builds a web Request (with an AbortSignal)
 * for every request, and the second makes every answer a copy. This one reads and writes Node's objects.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const anyOrigin = options.origins.includes('*');
  const exposed = options.exposeHeaders.join(',');
  return async function corsMiddleware(c, next) {
    const origin = requestHeader(c, 'origin');
    const allowed = anyOrigin
      ? '*'
      : origin !== undefined && options.origins.includes(origin)
        ? origin
        : undefined;
    // The answer depends on the Origin unless every origin gets the same one.
    const vary = anyOrigin ? [] : ['Origin'];
    if (c.req.method === 'OPTIONS') {
      const requestedHeaders = requestHeader(c, 'access-control-request-headers');
      if (requestedHeaders) vary.push('Access-Control-Request-Headers');
      return c.body(null, 204, {
        ...(allowed ? { 'access-control-allow-origin': allowed } : {}),
        'access-control-allow-methods': ALLOW_METHODS,
        ...(requestedHeaders ? { 'access-control-allow-headers': requestedHeaders } : {}),
        'access-control-max-age': PREFLIGHT_MAX_AGE,
        ...(vary.length > 0 ? { vary: vary.join(', ') } : {}),
      });
    }
    if (allowed) {
      setResponseHeader(c, 'access-control-allow-origin', allowed);
      setResponseHeader(c, 'access-control-expose-headers', exposed);
    }
    if (vary.length > 0) setResponseHeader(c, 'vary', vary.join(', '));
    return next();
  };
}
