import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Gateway } from './create-gateway';
import { errorAnswer } from './error-answer';
import { closeRecord, openRecord, type RequestRecord } from './gateway-context';
import { NodeExchange } from './http/node-exchange';
import { requireKey } from './middleware/auth';
import { serveChatCompletion } from './routes/chat-completions';

const CHAT_PATH = '/v1/chat/completions';

function isChatCompletion(incoming: IncomingMessage): boolean {
  if (incoming.method !== 'POST') return false;
  const url = incoming.url;
  return url === CHAT_PATH || url?.startsWith(`${CHAT_PATH}?`) === true;
}

/**
 * The gateway's Node request listener. `POST /v1/chat/completions`, nearly all of a gateway's traffic, goes
 * straight to its handler, through the same steps as the Hono app's middleware in the same order: the
 * request's record, CORS, the key, and errors answered as OpenAI JSON. Hono's Node adapter and router
 * would add their own work to every one of them (decision 0006). Every other request goes to the Hono app.
 */
export function gatewayListener(gateway: Gateway): RequestListener {
  const viaHono = getRequestListener(gateway.app.fetch);
  return (incoming, outgoing) => {
    if (isChatCompletion(incoming)) void serveChat(gateway, incoming, outgoing);
    else void viaHono(incoming, outgoing);
  };
}

async function serveChat(gateway: Gateway, incoming: IncomingMessage, outgoing: ServerResponse) {
  const { context } = gateway;
  const exchange = new NodeExchange(incoming, outgoing, true);
  let record: RequestRecord | undefined;
  try {
    record = openRecord(context, exchange);
    gateway.cors?.decorate(exchange);
    requireKey(gateway.keys, exchange);
    await serveChatCompletion(context, exchange, record);
  } catch (caught) {
    const answer = errorAnswer(context, caught, record);
    if (outgoing.headersSent) outgoing.destroy();
    else exchange.json(answer.status, answer.body, answer.headers);
  } finally {
    if (record) closeRecord(context, record, outgoing.statusCode);
  }
}
