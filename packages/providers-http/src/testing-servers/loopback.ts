import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The client's port: equal ports mean one reused keep-alive connection. */
  remotePort: number | undefined;
}

export interface LoopbackServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Responses the server closed before finishing them (the client went away). */
  closedEarly: number;
  /** Resolves the next time a response is closed before it finished. */
  nextEarlyClose(): Promise<void>;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** An HTTP/1.1 server on 127.0.0.1 with a free port, recording each request and each early close. */
export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  const waiters: Array<() => void> = [];
  const state: LoopbackServer = {
    url: '',
    port: 0,
    requests: [],
    closedEarly: 0,
    nextEarlyClose: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () => closeServer(server),
  };
  const server: Server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Kept as text: a test may send something that is not JSON.
    }
    const recorded = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body,
      remotePort: incoming.socket.remotePort,
    };
    state.requests.push(recorded);
    response.on('close', () => {
      if (!response.writableFinished) {
        state.closedEarly++;
        for (const resolve of waiters.splice(0)) resolve();
      }
    });
    try {
      await handler(recorded, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.port = port;
  state.url = `http://127.0.0.1:${port}`;
  return state;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nothing listens on: bound, read, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
