import type { ChatRequestV1 } from '@llmrouter/core';
import { caughtError, collectStream } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAICompatibleProvider,
  type HttpProviderV1,
  type OpenAICompatibleProviderSettings,
} from './index';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

const hello: ChatRequestV1 = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };
const rateLimited = (retryAfter: string) => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: { error: { message: 'Rate limit reached', type: 'rate_limit_exceeded' } },
});

let server: OpenAIServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ slowDelayMs: 50 });
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function model(modelId: string, settings: OpenAICompatibleProviderSettings = {}) {
  const provider = createOpenAICompatibleProvider({ kind: 'vllm', baseUrl: `${server.url}/v1`, ...settings });
  providers.push(provider);
  return provider.chatModel(modelId);
}

function attemptsSince(before: number): number {
  return server.requests.slice(before).filter((request) => request.method === 'POST').length;
}

describe('retries', () => {
  it('honours Retry-After in seconds and as an HTTP date on 429, counting attempts', async () => {
    // A one-minute backoff would time the test out: finishing proves Retry-After (0 s) was used instead.
    const target = model('test-model', { maxRetries: 3, retryBaseDelayMs: 60_000 });
    server.script.push(rateLimited('0'), rateLimited(new Date(Date.now() - 1000).toUTCString()));
    const before = server.requests.length;
    const result = await target.generate(hello);
    expect(result.text).toContain('You said: Hi');
    expect(attemptsSince(before)).toBe(3);
  });

  it('retries 5xx with backoff and gives up after maxRetries with the mapped error', async () => {
    const logged: Array<Record<string, unknown> | undefined> = [];
    const logger = { debug: (_message: string, fields?: Record<string, unknown>) => logged.push(fields) };
    const target = model('test-model', { maxRetries: 2, retryBaseDelayMs: 1, logger });
    const failing = { status: 502, body: { error: { message: 'Bad gateway' } } };
    server.script.push(failing, failing, failing);
    const before = server.requests.length;
    const error = await caughtError(target.generate(hello));
    expect(error.code).toBe('provider_unavailable');
    expect(attemptsSince(before)).toBe(3);
    expect(logged).toEqual([
      expect.objectContaining({ provider: 'vllm', status: 502 }),
      expect.objectContaining({ provider: 'vllm', status: 502 }),
    ]);
  });

  it('retries the stream request too, before any of its body is read', async () => {
    const target = model('test-model', { maxRetries: 1, retryBaseDelayMs: 1 });
    server.script.push({ status: 503, body: { error: { message: 'busy' } } });
    const before = server.requests.length;
    const streamed = await collectStream(target.stream(hello));
    expect(streamed.text).toContain('You said: Hi');
    expect(attemptsSince(before)).toBe(2);
  });

  it('does not wait for a Retry-After longer than a minute: the error carries it instead', async () => {
    const target = model('test-model', { maxRetries: 3, retryBaseDelayMs: 1 });
    server.script.push(rateLimited('120'));
    const before = server.requests.length;
    const error = await caughtError(target.generate(hello));
    expect(error.code).toBe('provider_rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(attemptsSince(before)).toBe(1);
  });

  it('never retries once the stream body has begun', async () => {
    const target = model('cut-stream', { maxRetries: 3, retryBaseDelayMs: 1 });
    const before = server.requests.length;
    const error = await caughtError(collectStream(target.stream(hello)));
    expect(error.code).toBe('provider_stream_interrupted');
    expect(attemptsSince(before)).toBe(1);
  });

  it('does not retry 4xx answers', async () => {
    const target = model('status-400', { maxRetries: 3, retryBaseDelayMs: 1 });
    const before = server.requests.length;
    expect((await caughtError(target.generate(hello))).code).toBe('provider_bad_request');
    expect(attemptsSince(before)).toBe(1);
  });
});

describe('cancellation and timeouts', () => {
  it('aborting mid-stream closes the upstream socket', async () => {
    const controller = new AbortController();
    const closed = server.nextEarlyClose();
    const error = await caughtError(
      (async () => {
        for await (const part of model('slow-model').stream(hello, { signal: controller.signal })) {
          if (part.type === 'text-delta') controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('aborted');
    await closed; // the server saw its response closed before it finished
  });

  it('aborting a pending generate closes the upstream socket', async () => {
    const controller = new AbortController();
    const closed = server.nextEarlyClose();
    const before = server.requests.length;
    const pending = model('slow-headers').generate(hello, { signal: controller.signal });
    // Abort only once the server holds the request, so there is a socket to close.
    while (server.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await caughtError(pending)).code).toBe('aborted');
    await closed;
  });

  it('breaking out of a stream early closes the upstream socket', async () => {
    const closed = server.nextEarlyClose();
    for await (const part of model('slow-model').stream(hello)) {
      if (part.type === 'text-delta') break;
    }
    await closed;
  });

  it('an idle stream times out after idleTimeoutMs', async () => {
    const target = model('stall', { idleTimeoutMs: 150, maxRetries: 0 });
    const parts: string[] = [];
    const error = await caughtError(
      (async () => {
        for await (const part of target.stream(hello)) parts.push(part.type);
      })(),
    );
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toContain('sent nothing for 150 ms');
    expect(parts).toEqual(['start']);
  });

  it('no response headers within firstByteTimeoutMs is provider_timeout', async () => {
    const error = await caughtError(
      model('slow-headers', { firstByteTimeoutMs: 150, maxRetries: 0 }).generate(hello),
    );
    expect(error.code).toBe('provider_timeout');
    expect(error.hint).toContain('first_byte_timeout_ms');
  });

  it('the overall timeout covers the whole stream', async () => {
    const error = await caughtError(
      collectStream(model('slow-model', { timeoutMs: 200, maxRetries: 0 }).stream(hello)),
    );
    expect(error.code).toBe('provider_timeout');
    expect(error.message).toContain('longer than 200 ms');
  });

  it('an already-aborted signal sends nothing', async () => {
    const before = server.requests.length;
    const error = await caughtError(model('test-model').generate(hello, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('aborted');
    expect(server.requests.length).toBe(before);
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const target = model('test-model');
    const before = server.requests.length;
    for (let call = 0; call < 6; call++) await target.generate(hello);
    const ports = new Set(server.requests.slice(before).map((request) => request.remotePort));
    expect(ports.has(undefined)).toBe(false);
    // One connection may still be settling when the next call starts; the pool then opens a second.
    expect(ports.size).toBeLessThanOrEqual(2);
  });
});
