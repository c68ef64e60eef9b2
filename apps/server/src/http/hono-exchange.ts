import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { HttpExchange } from './http-exchange';
import { NodeExchange } from './node-exchange';
import { WebExchange } from './web-exchange';

/**
 * The exchange of a Hono request, made once and kept on the context. Under @hono/node-server it works on
 * Node's own request and response (`c.env`): reading through `c.req` makes the adapter build a whole web
 * Request, with a body stream and an AbortSignal, which costs more than the rest of a small request.
 * A Node answer is written before the handler returns; that relies on nothing before the handler touching
 * `c.res` (Hono copies a response it already holds, and a copy of RESPONSE_ALREADY_SENT would be written
 * a second time), so middleware sets headers through the exchange too.
 */
export function exchangeOf(c: Context): HttpExchange {
  const kept = c.get('exchange') as HttpExchange | undefined;
  if (kept) return kept;
  const node = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  const exchange =
    node?.incoming && node.outgoing ? new NodeExchange(node.incoming, node.outgoing) : new WebExchange(c);
  c.set('exchange', exchange);
  return exchange;
}

/** What a Hono handler returns once it has answered through the exchange. */
export function honoAnswer(exchange: HttpExchange): Response {
  if (exchange instanceof WebExchange) {
    if (!exchange.answer) throw new Error('The handler returned without answering.');
    return exchange.answer;
  }
  return RESPONSE_ALREADY_SENT;
}
