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

/**
 * Sets a response header before the handler answers. On Node it goes straight onto the ServerResponse
 * (Node merges it with the headers the answer is written with): going through `c.header` or `c.res`
 * makes Hono build web Headers and, once a response exists, copy it.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = nodeResponse(c);
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}
