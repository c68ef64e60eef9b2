import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './gateway-test-harness';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ serverLines: '  cors: { origins: ["https://app.example"] }' });
});
afterAll(async () => {
  await harness.close();
});

describe('models, embeddings, health and metrics', () => {
  it('GET /v1/models lists auto and every configured model with provider, prices and capabilities', async () => {
    const models = await harness.client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual(['auto', 'haiku', 'sonnet', 'local', 'embed']);
    const haiku = models.data.find((model) => model.id === 'haiku') as unknown as {
      owned_by: string;
      llmrouter: { input_price: number; model_id: string; kind: string };
    };
    expect(haiku.owned_by).toBe('bedrock');
    expect(haiku.llmrouter).toMatchObject({
      input_price: 0.25,
      model_id: 'anthropic.claude-3-haiku-20240307-v1:0',
      kind: 'chat',
    });
  });

  it('POST /v1/embeddings answers the openai client (base64 by default) and float requests', async () => {
    const result = await harness.client.embeddings.create({
      model: 'embed',
      input: ['hello', 'world'],
      dimensions: 256,
    });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(256);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    const float = await harness.client.embeddings.create({
      model: 'embed',
      input: 'hello',
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(float.data[0]?.embedding[0]).toBeCloseTo(result.data[0]?.embedding[0] ?? Number.NaN, 5);
    await expect(harness.client.embeddings.create({ model: 'haiku', input: 'x' })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('GET /health is a cheap liveness check', async () => {
    const response = await fetch(`${harness.gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', models: 4, strategy: 'rules' });
  });

  it('GET /health/models probes each model and explains the unhealthy ones', async () => {
    harness.emulator.inject({
      type: 'access-denied',
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    const response = await fetch(`${harness.gateway.url}/health/models`);
    harness.emulator.clearFaults();
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      healthy_endpoints: string[];
      unhealthy_endpoints: Array<{ model_id: string; code: string; hint: string }>;
    };
    expect(body.healthy_endpoints).toEqual(
      expect.arrayContaining([
        'anthropic.claude-3-haiku-20240307-v1:0',
        'loopback-model',
        'amazon.titan-embed-text-v2:0',
      ]),
    );
    expect(body.unhealthy_endpoints).toEqual([
      expect.objectContaining({
        model_id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        code: 'model_access_denied',
      }),
    ]);
    expect(body.unhealthy_endpoints[0]?.hint).toMatch(/access/i);
  });

  it('GET /metrics exposes requests, latency, tokens, cost and upstream errors in Prometheus format', async () => {
    await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'count me' }],
    });
    const text = await (await fetch(`${harness.gateway.url}/metrics`)).text();
    expect(text).toContain('# TYPE llmrouter_requests_total counter');
    expect(text).toMatch(
      /llmrouter_requests_total\{endpoint="\/v1\/chat\/completions",model="haiku",provider="bedrock",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /llmrouter_request_duration_seconds_bucket\{endpoint="\/v1\/chat\/completions",model="haiku",le="\+Inf"\} \d+/,
    );
    expect(text).toMatch(/llmrouter_tokens_total\{model="haiku",type="output"\} \d+/);
    expect(text).toMatch(/llmrouter_cost_usd_total\{model="haiku"\} [\d.e-]+/);
    expect(text).toContain('llmrouter_route_decisions_total');
  });

  it('counts a percent-encoded path under the endpoint that answered it', async () => {
    const models = await fetch(`${harness.gateway.url}/v1/%6Dodels`);
    expect(models.status).toBe(200);
    expect(((await models.json()) as { object: string }).object).toBe('list');
    const text = await (await fetch(`${harness.gateway.url}/metrics`)).text();
    expect(text).toMatch(
      /llmrouter_requests_total\{endpoint="\/v1\/models",model="",provider="",status="200"\} \d+/,
    );
    expect(text).not.toContain('endpoint="other"');
  });

  it('answers CORS preflights for configured origins', async () => {
    const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('adds CORS headers to JSON and streamed answers for a configured origin, and none for others', async () => {
    const ask = (origin: string, stream: boolean) =>
      fetch(`${harness.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ model: 'haiku', messages: [{ role: 'user', content: 'Hi' }], stream }),
      });
    for (const stream of [false, true]) {
      const allowed = await ask('https://app.example', stream);
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(allowed.headers.get('access-control-expose-headers')).toContain('x-llmrouter-model');
      expect(allowed.headers.get('x-llmrouter-model')).toBe('haiku');
      expect(allowed.headers.get('x-request-id')).toBeTruthy();
      const text = await allowed.text();
      if (stream) {
        expect(allowed.headers.get('content-type')).toBe('text/event-stream');
        expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      } else {
        expect(JSON.parse(text).object).toBe('chat.completion');
      }
      const other = await ask('https://elsewhere.example', stream);
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('vary')).toBe('Origin');
      await other.text();
    }
  });

  it('answers the same JSON and SSE off Node (app.request, where there is no ServerResponse to write to)', async () => {
    const json = await harness.gateway.gateway.app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'haiku', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(json.headers.get('x-llmrouter-model')).toBe('haiku');
    expect(((await json.json()) as { object: string }).object).toBe('chat.completion');
    const response = await harness.gateway.gateway.app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.example' },
      body: JSON.stringify({ model: 'haiku', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('x-llmrouter-model')).toBe('haiku');
    const events = (await response.text()).split('\n\n').filter((event) => event.startsWith('data: '));
    expect(JSON.parse(events[0]?.slice(6) ?? '{}').choices[0].delta.role).toBe('assistant');
    expect(events.at(-1)).toBe('data: [DONE]');
  });

  it('rejects a body over the limit with 413 and keeps serving', async () => {
    const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'haiku', messages: [{ role: 'user', content: 'x'.repeat(70_000) }] }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
    expect((await fetch(`${harness.gateway.url}/health`)).status).toBe(200);
  });

  it('answers unknown paths with an OpenAI-shaped 404', async () => {
    const response = await fetch(`${harness.gateway.url}/v1/completions`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});
