import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './gateway-test-harness';

describe('auth', () => {
  let harness: TestGateway;
  beforeAll(async () => {
    harness = await startTestGateway({
      serverLines: '  auth: { master_key: sk-gateway-master-000000000, keys: [sk-gateway-team-111111111] }',
      keys: 'sk-gateway-team-111111111',
    });
  });
  afterAll(() => harness.close());

  it('accepts the configured keys and answers 401 in the OpenAI shape otherwise', async () => {
    const ok = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(ok.model).toBe('haiku');
    const master = new OpenAI({
      baseURL: `${harness.gateway.url}/v1`,
      apiKey: 'sk-gateway-master-000000000',
      maxRetries: 0,
    });
    expect((await master.models.list()).data.length).toBeGreaterThan(0);
    const stranger = new OpenAI({ baseURL: `${harness.gateway.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
      type: 'authentication_error',
    });
    expect((await fetch(`${harness.gateway.url}/health`)).status).toBe(200);
    expect((await fetch(`${harness.gateway.url}/health/models`)).status).toBe(401);
  });

  it('guards the WebSocket too (a key in ?key= for browsers)', async () => {
    const url = `${harness.gateway.url.replace('http', 'ws')}/v1/chat/ws`;
    const refused = new WebSocket(url);
    await expect(
      new Promise((resolve, reject) => refused.once('open', resolve).once('error', reject)),
    ).rejects.toThrow(/401/);
    const accepted = new WebSocket(`${url}?key=sk-gateway-team-111111111`);
    await new Promise((resolve, reject) => accepted.once('open', resolve).once('error', reject));
    accepted.close();
  });

  it('never logs a key', () => {
    expect(JSON.stringify(harness.logLines)).not.toContain('sk-gateway');
  });
});

describe('hostile request bodies (property)', () => {
  let harness: TestGateway;
  beforeAll(async () => {
    harness = await startTestGateway();
  });
  afterAll(() => harness.close());

  const hostile = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc
      .record(
        {
          model: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('haiku')),
          messages: fc.oneof(
            fc.constant([]),
            fc.array(
              fc.record({
                role: fc.oneof(fc.string(), fc.constantFrom('user', 'assistant', 'tool')),
                content: fc.jsonValue({ maxDepth: 2 }),
              }),
              { maxLength: 3 },
            ),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          // Only values the schema refuses: an in-range number, NaN or Infinity (which JSON writes as null,
          // and null is allowed) would make a valid body now and then.
          temperature: fc.oneof(
            fc.double({ min: 2, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
            fc.double({ max: 0, maxExcluded: true, noNaN: true, noDefaultInfinity: true }),
            fc.string(),
            fc.constant(undefined),
          ),
          max_tokens: fc.oneof(fc.integer({ min: -10, max: 0 }), fc.string(), fc.constant(undefined)),
          stream: fc.oneof(fc.boolean(), fc.string(), fc.constant(undefined)),
          tools: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
        },
        { requiredKeys: [] },
      )
      // Every generated body must be invalid somewhere: a valid request would be answered 200.
      .filter(
        (body) =>
          !(
            typeof body.model === 'string' &&
            Array.isArray(body.messages) &&
            body.messages.length > 0 &&
            body.temperature === undefined &&
            body.max_tokens === undefined &&
            body.tools === undefined
          ),
      )
      .map((body) => JSON.stringify(body)),
    fc.constantFrom(
      '{"model":',
      '\u0000\u0001',
      '[]',
      'null',
      '{"messages": "__proto__"}',
      '{"__proto__": {"admin": true}}',
    ),
  );

  it('answers 4xx with an OpenAI error and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status, body).toBeGreaterThanOrEqual(400);
        expect(response.status, body).toBeLessThan(500);
        const parsed = (await response.json()) as { error: { message: string; type: string; code: string } };
        expect(typeof parsed.error.message).toBe('string');
        expect(parsed.error.code).toBeTruthy();
        expect(JSON.stringify(parsed)).not.toMatch(/at .*\.ts:\d+|node_modules/);
      }),
      { numRuns: 150 },
    );
    const health = await fetch(`${harness.gateway.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('stops accepting but lets a running stream finish', async () => {
    const harness = await startTestGateway({ upstream: { chunkDelayMs: 30, answerWords: 15 } });
    const stream = await harness.client.chat.completions.create({
      model: 'local',
      messages: [{ role: 'user', content: 'count slowly' }],
      stream: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const closed = harness.gateway.close();
    let text = '';
    let finish: string | null | undefined;
    while (true) {
      const next = await iterator.next();
      if (next.done) break;
      text += next.value.choices[0]?.delta.content ?? '';
      finish = next.value.choices[0]?.finish_reason ?? finish;
    }
    await closed;
    expect(text.split(' ')).toHaveLength(15);
    expect(finish).toBe('stop');
    await expect(fetch(`${harness.gateway.url}/health`)).rejects.toThrow();
    await harness.close();
  });
});
