import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * Node's own request and response under @hono/node-server. Reading headers through `c.req` makes the
 * adapter build a full web Request (with a body stream and an AbortSignal), which costs more than the
 * rest of a small request; the hot paths read Node's objects instead, and fall back to the web ones
 * elsewhere (`app.request()` in tests).
 */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

export function nodeResponse(c: Context): ServerResponse | undefined {
  return (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
}

/** One request header (lower-case name). */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'cookie']);

/** Node's request headers as routing sees them: lower-case names, credentials left out. */
export function headersForRouting(headers: IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !CREDENTIAL_HEADERS.has(name))
      record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

/** The request's headers for routing rules and tiers. */
export function routingHeaders(c: Context): Record<string, string> {
  const incoming = nodeRequest(c);
  if (incoming) return headersForRouting(incoming.headers);
  const record: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    if (!CREDENTIAL_HEADERS.has(name)) record[name] = value;
  });
  return record;
}
