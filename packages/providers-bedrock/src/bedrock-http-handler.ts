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
/** Connections per client (one client per region and identity): a gateway runs many calls at once. */
const MAX_SOCKETS = 256;

/**
 * The request handler for a client. By default HTTP/1.1 with keep-alive, as boto3 and most gateways speak
 * to Bedrock: every call, streamed or not, reuses an open connection. The AWS SDK's own default is HTTP/2
 * with a new session, so a new TCP and TLS connection, for every call (a workaround for a pooling bug
 * fixed in @smithy/node-http-handler 4.6: aws/aws-sdk-js-v3#3809, #7936, #8279). `http2` shares sessions
 * between non-streaming calls; the handler still gives every event stream a session of its own. On the
 * emulator HTTP/1.1 answered sooner, and its calls left less for the garbage collector to promote.
 * HTTP/2 has no connect timeout option, so it gets one through `createConnection`.
 */
export async function createBedrockHttpHandler(
  settings: BedrockProviderSettings,
  importModule?: ImportModule,
): Promise<unknown> {
  const connectTimeoutMs = settings.connectTimeoutMs;
  const handlers = await loadBedrockModule<typeof SmithyHandlers>('@smithy/node-http-handler', importModule);
  if (settings.httpHandler !== 'http2') {
    return new handlers.NodeHttpHandler({
      ...(connectTimeoutMs === undefined ? {} : { connectionTimeout: connectTimeoutMs }),
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    });
  }
  const createConnection = connectTimeoutMs === undefined ? undefined : connectWithin(connectTimeoutMs);
  return new handlers.NodeHttp2Handler({
    disableConcurrentStreams: false,
    sessionTimeout: IDLE_SESSION_MS,
    ...(createConnection === undefined ? {} : { nodeHttp2ConnectOptions: { createConnection } }),
  });
}
