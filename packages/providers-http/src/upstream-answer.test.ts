import type { ServerResponse } from 'node:http';
import { caughtError } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallScope } from './call-scope';
import { HttpClient, type HttpResponse, readAnswerText } from './http-client';
import { resolveTransportSettings } from './http-settings';
import { mapBodyError } from './map-connection-error';
import type { UpstreamErrorContext } from './map-http-error';
import { type LoopbackServer, sleep, startLoopback } from './testing-servers/loopback';

const LINE_COUNT = 200_000; // about 2.4 MB, many times the 64 KiB the answer queues before pausing
const lines = Array.from({ length: LINE_COUNT }, (_, index) => `line ${String(index).padStart(6, '0')}\n`);
const bigText = lines.join('');

let server: LoopbackServer;
/** Resolves when the server's socket for the latest request closes. */
let socketClosed: Promise<void> = Promise.resolve();
/** Resolves when the server has written the first part of a held answer. */
let bodyStarted: Promise<void> = Promise.resolve();
const clients: HttpClient[] = [];
/** More than loopback socket buffers hold, so the server can only finish once the client reads. */
const huge = Buffer.alloc(24 * 1024 * 1024, 0x61);
let hugeFinished = false;

beforeAll(async () => {
  server = await startLoopback(async (request, response) => {
    const socket = response.socket;
    socketClosed = new Promise((resolve) => socket?.once('close', () => resolve()));
    switch (request.path) {
      case '/big':
        return writeAll(response, 'text/plain');
      case '/huge':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        hugeFinished = false;
        return void response.end(huge, () => {
          hugeFinished = true;
        });
      case '/bom':
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok":1}')]));
      case '/endless':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        while (!response.destroyed) {
          response.write('data: {"tick":1}\n\n');
          await sleep(5);
        }
        return;
      case '/hold-body': {
        let started = (): void => {};
        bodyStarted = new Promise((resolve) => {
          started = resolve;
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"id": "held", "choices": [', () => started());
        return; // the rest never comes
      }
      case '/drop-body':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"id": "dropped", ');
        return void setTimeout(() => response.destroy(), 20);
      default:
        return; // /hold-headers: no answer at all until the client goes away
    }
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
});

async function writeAll(response: ServerResponse, type: string): Promise<void> {
  response.writeHead(200, { 'content-type': type });
  const piece = 16 * 1024;
  for (let offset = 0; offset < bigText.length; offset += piece) {
    if (!response.write(bigText.slice(offset, offset + piece))) {
      await new Promise((resolve) => response.once('drain', resolve));
    }
  }
  response.end();
}

function client(settings: Parameters<typeof resolveTransportSettings>[0] = {}): HttpClient {
  const created = new HttpClient(resolveTransportSettings({ maxRetries: 0, ...settings }), {});
  clients.push(created);
  return created;
}

function context(path: string): UpstreamErrorContext {
  return {
    provider: 'vllm',
    displayName: 'vLLM',
    modelId: 'loopback',
    url: `${server.url}${path}`,
    baseUrl: server.url,
  };
}

function send(target: HttpClient, path: string, scope: CallScope): Promise<HttpResponse> {
  return target.send(
    {
      url: `${server.url}${path}`,
      method: 'POST',
      body: '{}',
      headers: () => ({ headers: { 'content-type': 'application/json' }, keySource: undefined }),
    },
    scope,
    context(path),
  );
}

function waitForRequest(count: number): Promise<void> {
  return (async () => {
    while (server.requests.length <= count) await sleep(5);
  })();
}

describe('reading an answer', () => {
  it('a large answer read slowly arrives complete and in order (the socket pauses and resumes)', async () => {
    const scope = new CallScope(undefined, 30_000);
    const response = await send(client(), '/big', scope);
    const received: Buffer[] = [];
    let reads = 0;
    for await (const chunk of response.body) {
      received.push(chunk);
      // A slow reader: the upstream keeps sending while chunks queue up unread.
      if (++reads % 4 === 0) await sleep(1);
      else await new Promise((resolve) => setImmediate(resolve));
    }
    scope.dispose();
    expect(Buffer.concat(received).toString('utf8')).toBe(bigText);
    expect(response.body.readableEnded).toBe(true);
  });

  it('an answer nobody reads holds the upstream back instead of queueing it all in memory', async () => {
    const scope = new CallScope(undefined, 30_000);
    const response = await send(client(), '/huge', scope);
    await sleep(200);
    // Without pausing the socket the client would have swallowed all of it by now.
    expect(hugeFinished).toBe(false);
    let total = 0;
    for await (const chunk of response.body) total += chunk.length;
    expect(total).toBe(huge.length);
    scope.dispose();
  });

  it('text() joins a many-chunk answer and drops a byte-order mark', async () => {
    const target = client();
    const scope = new CallScope(undefined, 30_000);
    const big = await send(target, '/big', scope);
    // Not read until well after the headers: the queued chunks wait, paused, then text() takes them all.
    await sleep(20);
    expect(await readAnswerText(big, scope)).toBe(bigText);
    const bom = await send(target, '/bom', scope);
    expect(await bom.body.json()).toEqual({ ok: 1 });
    scope.dispose();
  });

  it('destroying the body mid-stream closes the upstream connection', async () => {
    const scope = new CallScope(undefined, 30_000);
    const response = await send(client(), '/endless', scope);
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const closed = socketClosed;
    response.body.destroy();
    await closed;
    expect(response.body.readableEnded).toBe(false);
    scope.dispose();
  });

  it('breaking out of iterating the body closes the upstream connection', async () => {
    const scope = new CallScope(undefined, 30_000);
    const response = await send(client(), '/endless', scope);
    const closed = socketClosed;
    for await (const chunk of response.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await closed;
    scope.dispose();
  });
});

describe('cancellation reaches the request in flight', () => {
  it('an abort before the headers is `aborted` and closes the socket', async () => {
    const controller = new AbortController();
    const scope = new CallScope(controller.signal, 30_000);
    const before = server.requests.length;
    const pending = send(client(), '/hold-headers', scope);
    await waitForRequest(before);
    const closed = socketClosed;
    controller.abort();
    expect((await caughtError(pending)).code).toBe('aborted');
    await closed;
    scope.dispose();
  });

  it('the overall timeout before the headers is provider_timeout', async () => {
    const scope = new CallScope(undefined, 150);
    const error = await caughtError(send(client(), '/hold-headers', scope));
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toContain('longer than 150 ms');
    scope.dispose();
  });

  it('an abort while the body is read is `aborted` and closes the socket', async () => {
    const controller = new AbortController();
    const scope = new CallScope(controller.signal, 30_000);
    const response = await send(client(), '/hold-body', scope);
    await bodyStarted;
    const closed = socketClosed;
    const reading = readAnswerText(response, scope);
    controller.abort();
    expect((await caughtError(reading)).code).toBe('aborted');
    await closed;
    scope.dispose();
  });

  it('the overall timeout while a stream is read is provider_timeout', async () => {
    const scope = new CallScope(undefined, 150);
    const response = await send(client(), '/hold-body', scope);
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const error = await iterator.next().then(
      () => new Error('expected the read to fail'),
      (cause: unknown) => mapBodyError(cause, scope, response.context, true),
    );
    expect(error).toMatchObject({ code: 'provider_timeout' });
    expect(error.message).toContain('longer than 150 ms');
    scope.dispose();
  });

  it('a stalled whole answer times out after idleTimeoutMs', async () => {
    const scope = new CallScope(undefined, 30_000);
    const response = await send(client({ idleTimeoutMs: 150 }), '/hold-body', scope);
    const error = await caughtError(readAnswerText(response, scope));
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toContain('sent nothing for 150 ms');
    scope.dispose();
  });

  it('a connection dropped mid-body: unavailable for a whole answer, interrupted for a stream', async () => {
    const scope = new CallScope(undefined, 30_000);
    const target = client();
    const whole = await send(target, '/drop-body', scope);
    const wholeError = await caughtError(readAnswerText(whole, scope));
    expect(wholeError.code).toBe('provider_unavailable');
    const streamed = await send(target, '/drop-body', scope);
    const streamError = await (async () => {
      try {
        for await (const _chunk of streamed.body);
      } catch (cause) {
        return mapBodyError(cause, scope, streamed.context, true);
      }
      throw new Error('expected the stream to fail');
    })();
    expect(streamError.code).toBe('provider_stream_interrupted');
    scope.dispose();
  });

  it('an abort during a retry backoff ends the wait at once', async () => {
    const controller = new AbortController();
    const scope = new CallScope(controller.signal, 30_000);
    const busy = await startLoopback((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end('{"error": {"message": "busy"}}');
    });
    try {
      // A one-minute backoff would time the test out: finishing proves the abort ended the wait.
      const target = client({ maxRetries: 1, retryBaseDelayMs: 60_000 });
      const pending = target.send(
        {
          url: `${busy.url}/v1`,
          method: 'POST',
          body: '{}',
          headers: () => ({ headers: {}, keySource: undefined }),
        },
        scope,
        { ...context('/v1'), url: `${busy.url}/v1` },
      );
      while (busy.requests.length === 0) await sleep(5);
      await sleep(20);
      controller.abort();
      expect((await caughtError(pending)).code).toBe('aborted');
    } finally {
      scope.dispose();
      await busy.close();
    }
  });
});
