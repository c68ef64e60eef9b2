import type { ChatRequestV1 } from '@llmrouter/core';
import { caughtError, collectStream } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAICompatibleProvider,
  type HttpProviderV1,
  type OpenAICompatibleProviderSettings,
} from './index';
import { closedPort } from './testing-servers/loopback';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

const hello: ChatRequestV1 = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };

let server: OpenAIServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ keys: ['nv-good-key-0001'] });
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function model(modelId: string, settings: OpenAICompatibleProviderSettings = {}) {
  const provider = createOpenAICompatibleProvider({
    kind: 'nvidia',
    baseUrl: `${server.url}/v1`,
    apiKeys: ['nv-good-key-0001'],
    maxRetries: 0,
    ...settings,
  });
  providers.push(provider);
  return provider.chatModel(modelId);
}

describe('HTTP status mapping', () => {
  it.each([
    [400, 'provider_bad_request'],
    [403, 'model_access_denied'],
    [408, 'provider_timeout'],
    [413, 'request_too_large'],
    [422, 'provider_bad_request'],
    [429, 'provider_rate_limited'],
    [500, 'provider_unavailable'],
    [502, 'provider_unavailable'],
    [503, 'provider_unavailable'],
  ] as const)('%i → %s, with a hint, in generate and stream', async (status, code) => {
    const target = model(`status-${status}`);
    const generated = await caughtError(target.generate(hello));
    expect(generated.code).toBe(code);
    expect(generated.hint.length).toBeGreaterThan(10);
    expect(generated.provider).toBe('nvidia');
    expect(generated.modelId).toBe(`status-${status}`);
    expect(generated.message).toContain(`answered ${status}: Loopback fault ${status}`);
    expect((await caughtError(collectStream(target.stream(hello)))).code).toBe(code);
  });

  it('400 carries the upstream message; context-length messages become context_length_exceeded', async () => {
    const error = await caughtError(model('status-400-context').generate(hello));
    expect(error.code).toBe('context_length_exceeded');
    expect(error.message).toContain('maximum context length is 8192 tokens');
  });

  it('401 says which key failed and which variable to set, never the key', async () => {
    const error = await caughtError(
      model('test-model', { apiKeys: ['nv-bad-key-00001', 'nv-bad-key-00002'] }).generate(hello),
    );
    expect(error.code).toBe('provider_auth');
    expect(error.hint).toContain('api_keys entry 1 of 2');
    expect(error.hint).toContain('NVIDIA_API_KEY');
    expect(JSON.stringify(error.toJSON())).not.toContain('nv-bad-key');
  });

  it('429 carries retryAfterMs from Retry-After', async () => {
    const error = await caughtError(model('status-429').generate(hello));
    expect(error.retryAfterMs).toBe(1000);
    expect(error.retryable).toBe(true);
  });

  it('503 "loading" is model_not_ready', async () => {
    server.script.push({ status: 503, body: { error: { message: 'Model is loading, please wait' } } });
    expect((await caughtError(model('test-model').generate(hello))).code).toBe('model_not_ready');
  });

  it('404 lists the models the upstream serves', async () => {
    const error = await caughtError(model('unknown-model').generate(hello));
    expect(error.code).toBe('model_not_found');
    expect(error.hint).toContain('Available: test-model, slow-model, cached-model');
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer nv-good-key-0001');
  });

  it('404 names the URL when the upstream cannot list models', async () => {
    server.script.push(
      { status: 404, body: { detail: 'Not Found' } },
      { status: 404, body: { detail: 'Not Found' } },
    );
    const error = await caughtError(model('some-model').generate(hello));
    expect(error.code).toBe('model_not_found');
    expect(error.hint).toContain(`${server.url}/v1/chat/completions`);
  });

  it('reads Ollama-style string errors', async () => {
    server.script.push({ status: 400, body: { error: 'invalid options: foo' } });
    const error = await caughtError(model('test-model').generate(hello));
    expect(error.message).toContain('invalid options: foo');
  });
});

describe('transport and body failures', () => {
  it('connection refused asks whether the server is running at the URL', async () => {
    const port = await closedPort();
    const error = await caughtError(
      model('test-model', { baseUrl: `http://127.0.0.1:${port}/v1` }).generate(hello),
    );
    expect(error.code).toBe('provider_unavailable');
    expect(error.hint).toBe(
      `Is the server running at http://127.0.0.1:${port}/v1? Start it, or fix base_url.`,
    );
  });

  it('a DNS failure names the host', async () => {
    const error = await caughtError(
      model('test-model', { baseUrl: 'http://llmrouter-test-host.invalid/v1' }).generate(hello),
    );
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('DNS lookup failed for host "llmrouter-test-host.invalid"');
  });

  it('malformed JSON is provider_response_invalid', async () => {
    const error = await caughtError(model('malformed-json').generate(hello));
    expect(error.code).toBe('provider_response_invalid');
  });

  it('a non-JSON stream event is provider_response_invalid', async () => {
    server.script.push({ status: 200, sse: ['data: {"choices": [\n\n'] });
    const error = await caughtError(collectStream(model('test-model').stream(hello)));
    expect(error.code).toBe('provider_response_invalid');
  });

  it('a stream cut off mid-way is provider_stream_interrupted after start, never a finish', async () => {
    const parts: string[] = [];
    const error = await caughtError(
      (async () => {
        for await (const part of model('cut-stream').stream(hello)) parts.push(part.type);
      })(),
    );
    expect(error.code).toBe('provider_stream_interrupted');
    expect(parts[0]).toBe('start');
    expect(parts).toContain('text-delta');
    expect(parts).not.toContain('finish');
  });

  it('a clean EOF without finish_reason or [DONE] is also an interruption', async () => {
    const error = await caughtError(collectStream(model('eof-stream').stream(hello)));
    expect(error.code).toBe('provider_stream_interrupted');
    expect(error.message).toContain('[DONE]');
  });

  it('an error object inside the SSE stream is raised with its upstream message', async () => {
    const error = await caughtError(collectStream(model('stream-error').stream(hello)));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('The server had an error while processing your request.');
  });
});
