import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSse } from './node-sse';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('writeSse', () => {
  it('destroys a response backed up behind a client that stopped reading, once the request ends', async () => {
    const controller = new AbortController();
    let sent = 0;
    let response: ServerResponse | undefined;
    const produced = new Promise<void>((resolve) => {
      const server = createServer((_request, outgoing) => {
        response = outgoing;
        writeSse(outgoing, {}, controller.signal, async (sink) => {
          // As fast as the sink takes them: the client's socket fills, and then sends wait.
          while (!sink.closed) {
            await sink.send(JSON.stringify({ text: 'x'.repeat(1_000), index: sent }));
            sent += 1;
          }
          resolve();
        });
      });
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        const call = httpRequest({ host: '127.0.0.1', port, method: 'POST' }, (answer) => {
          answer.once('data', () => answer.pause());
          answer.on('error', () => undefined);
        });
        call.on('error', () => undefined);
        call.end();
      });
    });
    // Backed up once the socket buffers are full: the producer waits instead of sending.
    let last = -1;
    await expect
      .poll(
        () => {
          const stalled = sent > 0 && sent === last;
          last = sent;
          return stalled;
        },
        { timeout: 10_000, interval: 150 },
      )
      .toBe(true);
    expect(response?.destroyed).toBe(false);

    controller.abort();
    await produced;
    expect(response?.destroyed).toBe(true);
  });
});
