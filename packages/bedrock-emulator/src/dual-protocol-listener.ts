import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import net, { type Socket } from 'node:net';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;
export type RequestHandler = (request: AnyRequest, response: AnyResponse) => void;

/** The client preface every HTTP/2 connection opens with (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface DualProtocolListener {
  port: number;
  /**
   * Breaks a response off the way a failing network does: HTTP/1.1 connections are reset; an HTTP/2
   * stream is reset with INTERNAL_ERROR (a TCP reset under HTTP/2 reaches clients as a clean end of
   * stream, which would hide the failure).
   */
  drop(request: AnyRequest, response: AnyResponse): void;
  close(): Promise<void>;
}

/**
 * One TCP port for HTTP/1.1 and cleartext HTTP/2. The AWS SDK's default Node handler speaks HTTP/2 with
 * prior knowledge even to `http://` endpoints, while NodeHttpHandler speaks HTTP/1.1; the first bytes
 * of each connection tell them apart, and the socket is handed to the matching server.
 */
export async function listenDualProtocol(
  host: string,
  port: number,
  handler: RequestHandler,
): Promise<DualProtocolListener> {
  const http1 = http.createServer(handler);
  const h2 = http2.createServer(handler);
  const sockets = new Set<Socket>();
  const byPeer = new Map<string, Socket>();
  const peerOf = (address: string | undefined, remotePort: number | undefined) => `${address}:${remotePort}`;

  http1.on('clientError', (_error, socket) => socket.destroy());
  h2.on('sessionError', () => undefined);
  h2.on('session', (session) => session.on('error', () => undefined));

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const peer = peerOf(socket.remoteAddress, socket.remotePort);
    byPeer.set(peer, socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      sockets.delete(socket);
      byPeer.delete(peer);
    });
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const compared = Math.min(received.length, HTTP2_PREFACE.length);
      const looksLikeHttp2 = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      if (looksLikeHttp2 && received.length < HTTP2_PREFACE.length) return;
      socket.removeListener('data', onData);
      socket.pause();
      socket.unshift(received);
      (looksLikeHttp2 ? h2 : http1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    };
    socket.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    drop(request, response) {
      if ('stream' in response) {
        response.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
        return;
      }
      const socket = request.socket as Socket | undefined;
      if (socket) byPeer.get(peerOf(socket.remoteAddress, socket.remotePort))?.resetAndDestroy();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A reset rather than a clean FIN: clients must see in-flight responses fail, not end early.
        for (const socket of sockets) socket.resetAndDestroy();
        sockets.clear();
        byPeer.clear();
        http1.close();
        h2.close();
      });
    },
  };
}
