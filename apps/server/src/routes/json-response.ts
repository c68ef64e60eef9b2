import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { nodeResponse } from '../node-request';

/**
 * Answers 200 with `body` as JSON and `headers` (which it adds the content headers to). On Node it writes
 * the ServerResponse itself: given more than one header, Hono builds web Headers that the adapter then
 * turns back into Node's, which costs more than serialising the answer. As with sseResponse, this relies on nothing before the handler touching
 * `c.res`. Elsewhere (app.request in tests) it is `c.json`.
 */
export function jsonResponse(c: Context, body: unknown, headers: Record<string, string>): Response {
  const outgoing = nodeResponse(c);
  if (!outgoing) return c.json(body, 200, headers);
  const text = JSON.stringify(body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  outgoing.writeHead(200, headers);
  outgoing.end(text);
  return RESPONSE_ALREADY_SENT;
}
