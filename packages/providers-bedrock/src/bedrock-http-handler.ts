import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type * as SmithyHandlers from '@smithy/node-http-handler';
import type { BedrockProviderSettings } from './bedrock-provider-settings';
import { type ImportModule, loadBedrockModule } from './bedrock-sdk';

/** Thrown into a socket that did not connect in time; map-bedrock-error recognises the name. */
export class BedrockConnectTimeoutError extends Error {
  override readonly name = 'BedrockConnectTimeoutError';
  readonly code = 'ETIMEDOUT';
  constructor(readonly timeoutMs: number) {
    super(`The connection to Bedrock was not established within ${timeoutMs} ms.`);
  }
}

function connectWithin(timeoutMs: number): (authority: URL) => Duplex {
  return (authority) => {
    const secure = authority.protocol === 'https:';
    const port = Number(authority.port) || (secure ? 443 : 80);
    const host = authority.hostname.replace(/^\[|\]$/g, '');
    const socket = secure
      ? tls.connect({ host, port, servername: host, ALPNProtocols: ['h2'] })
      : net.connect({ host, port });
    const timer = setTimeout(() => socket.destroy(new BedrockConnectTimeoutError(timeoutMs)), timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
}

/** An idle HTTP/2 session is closed after this long, well before NAT gateways and load balancers drop it. */
const IDLE_SESSION_MS = 60_000;

/**
 * The request handler for a client. HTTP/2 (the SDK's choice for Bedrock) with sessions shared between
 * calls: the SDK's default gives every call a session of its own, a new TCP and TLS connection each time, a
 * workaround for a pooling bug fixed in @smithy/node-http-handler 4.6 (aws/aws-sdk-js-v3#3809, #7936, #8279).
 * Streamed answers (event streams) still get their own session, as the handler does for every client. HTTP/2
 * has no connect timeout option, so it gets one through `createConnection`.
 */
export async function createBedrockHttpHandler(
  settings: BedrockProviderSettings,
  importModule?: ImportModule,
): Promise<unknown> {
  const connectTimeoutMs = settings.connectTimeoutMs;
  const handlers = await loadBedrockModule<typeof SmithyHandlers>('@smithy/node-http-handler', importModule);
  if (settings.httpHandler === 'http1') {
    return new handlers.NodeHttpHandler({
      ...(connectTimeoutMs === undefined ? {} : { connectionTimeout: connectTimeoutMs }),
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 50 }),
    });
  }
  const createConnection = connectTimeoutMs === undefined ? undefined : connectWithin(connectTimeoutMs);
  return new handlers.NodeHttp2Handler({
    disableConcurrentStreams: false,
    sessionTimeout: IDLE_SESSION_MS,
    ...(createConnection === undefined ? {} : { nodeHttp2ConnectOptions: { createConnection } }),
  });
}
