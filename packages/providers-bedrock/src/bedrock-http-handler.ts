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

/**
 * The request handler for a client, or undefined for the SDK's default (HTTP/2, one session per
 * request). HTTP/2 has no connect timeout option, so it gets one through `createConnection`.
 */
export async function createBedrockHttpHandler(
  settings: BedrockProviderSettings,
  importModule?: ImportModule,
): Promise<unknown> {
  const connectTimeoutMs = settings.connectTimeoutMs;
  if (settings.httpHandler === undefined && connectTimeoutMs === undefined) return undefined;
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
    // The SDK's default: event streams and requests each get their own session.
    disableConcurrentStreams: true,
    ...(createConnection === undefined ? {} : { nodeHttp2ConnectOptions: { createConnection } }),
  });
}
