import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createGateway, type Gateway, type GatewayOptions } from './create-gateway';
import { gatewayListener } from './gateway-listener';
import { headersForRouting } from './http/node-exchange';
import { keyMatches, presentedKey } from './middleware/auth';
import { handleChatWebSocket } from './routes/chat-websocket';

export interface StartGatewayOptions extends GatewayOptions {
  /** Default: server.host of the config. */
  host?: string;
  /** Default: server.port of the config; 0 picks a free port. */
  port?: number;
}

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  gateway: Gateway;
  /** Stops accepting, lets running requests and streams finish within server.limits.shutdown_timeout_ms, then closes. */
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const gateway = createGateway(options);
  const serverConfig = options.runtime.loaded.config.server;
  const server = createServer(gatewayListener(gateway));
  server.keepAliveTimeout = 65_000;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: serverConfig.limits.max_body_bytes });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/chat/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    if (gateway.keys.length > 0 && !keyMatches(presentedKey(header, url), gateway.keys)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) =>
      handleChatWebSocket(gateway.context, client, headersForRouting(request.headers)),
    );
  });

  const host = options.host ?? serverConfig.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? serverConfig.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    server,
    gateway,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          for (const client of sockets.clients) client.terminate();
        }, serverConfig.limits.shutdown_timeout_ms);
        deadline.unref();
        // Keep-alive connections go idle as their last response ends; close them as they do.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearTimeout(deadline);
          clearInterval(sweep);
          options.logger?.flush?.();
          resolve();
        });
        server.closeIdleConnections();
        for (const client of sockets.clients) client.close(1001, 'server shutting down');
        sockets.close();
      });
      return closing;
    },
  };
}

/** SIGTERM and SIGINT stop the gateway gracefully; a second signal exits at once. */
export function closeOnSignals(running: RunningGateway, onClosed: () => void = () => process.exit(0)): void {
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void running.close().then(onClosed);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
