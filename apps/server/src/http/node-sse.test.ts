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

  it('batches the events of one turn into one write, and flush() writes them at once', async () => {
    const writesSeen: number[] = [];
    const body = await new Promise<string>((resolve) => {
      const server = createServer((_request, outgoing) => {
        let writes = 0;
        const write = outgoing.write.bind(outgoing);
        outgoing.write = ((...args: Parameters<typeof write>) => {
          writes += 1;
          return write(...args);
        }) as typeof outgoing.write;
        writeSse(outgoing, {}, new AbortController().signal, async (sink) => {
          sink.send('role');
          sink.send('first');
          writesSeen.push(writes);
          sink.flush();
          writesSeen.push(writes);
          sink.send('second');
          await new Promise((next) => setImmediate(next));
          writesSeen.push(writes);
        });
      });
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        httpRequest({ host: '127.0.0.1', port }, (answer) => {
          let text = '';
          answer.setEncoding('utf8');
          answer.on('data', (chunk: string) => {
            text += chunk;
          });
          answer.on('end', () => resolve(text));
        }).end();
      });
    });
    // Nothing is written during the turn, everything sent so far on flush(), the rest at the end of its turn.
    expect(writesSeen).toEqual([0, 1, 2]);
    expect(body).toBe('data: role\n\ndata: first\n\ndata: second\n\n');
  });
});
