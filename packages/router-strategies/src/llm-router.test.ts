import type { ChatModelV1, ChatRequestV1, ChatResultV1 } from '@llmrouter/core';
import { emptyUsage } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';
import { parseRouterAnswer } from './parse-router-answer';

const candidates = [
  candidate('llama-3.1-8b', 0.2),
  candidate('llama-3.1-70b', 0.9),
  candidate('claude-sonnet', 3),
];
const names = candidates.map((item) => item.name);

/** A router model that answers with whatever `reply` returns (a stand-in for a provider's ChatModelV1). */
function scriptedModel(
  reply: (request: ChatRequestV1) => string | Promise<string>,
  seen: ChatRequestV1[] = [],
): ChatModelV1 {
  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: 'router',
    async generate(request, options) {
      seen.push(request);
      const text = await Promise.race([
        Promise.resolve(reply(request)),
        new Promise<never>((_, reject) =>
          options?.signal?.addEventListener('abort', () =>
            reject(new LLMRouterError({ code: 'provider_timeout', message: 'slow' })),
          ),
        ),
      ]);
      const result: ChatResultV1 = {
        text,
        toolCalls: [],
        finishReason: 'stop',
        usage: emptyUsage(),
        latencyMs: 1,
        modelId: 'router',
        providerMetadata: {},
        warnings: [],
      };
      return result;
    },
    // biome-ignore lint/correctness/useYield: the router never streams
    async *stream() {
      throw new Error('not used');
    },
  };
}

async function llmRouter(model: ChatModelV1, extra: Record<string, unknown> = {}) {
  return createRouter(
    { strategy: 'llm', router_model: 'claude-sonnet', default: 'llama-3.1-8b', ...extra },
    { candidates, chatModel: () => model },
  );
}

describe('llm router', () => {
  it('reads JSON, the exact name, then a close match, and describes the candidates to the router model', async () => {
    const seen: ChatRequestV1[] = [];
    const replies = [
      '```json\n{"model": "llama-3.1-70b"}\n```',
      'claude-sonnet',
      'I would pick Llama 3.1 70B.',
    ];
    const router = await llmRouter(
      scriptedModel(() => replies.shift() ?? '', seen),
      { cache_ttl_ms: 0 },
    );
    expect(await router.route(userRequest('one'), { candidates })).toMatchObject({
      model: 'llama-3.1-70b',
      reason: expect.stringContaining('json'),
    });
    expect(await router.route(userRequest('two'), { candidates })).toMatchObject({
      model: 'claude-sonnet',
      reason: expect.stringContaining('exact'),
    });
    expect(await router.route(userRequest('three'), { candidates })).toMatchObject({
      model: 'llama-3.1-70b',
      reason: expect.stringContaining('close'),
    });
    const prompt = JSON.stringify(seen[0]);
    expect(prompt).toContain('llama-3.1-70b');
    expect(prompt).toContain('$0.90 per million tokens');
  });

  it('falls back to the default on an unreadable answer or a timeout', async () => {
    const unreadable = await llmRouter(scriptedModel(() => 'no idea, maybe gpt-9'));
    expect((await unreadable.route(userRequest('q'), { candidates })).model).toBe('llama-3.1-8b');
    const slow = await llmRouter(
      scriptedModel(() => new Promise<string>(() => {})),
      { timeout_ms: 20 },
    );
    expect(await slow.route(userRequest('q'), { candidates })).toMatchObject({
      model: 'llama-3.1-8b',
      reason: expect.stringContaining('provider_timeout'),
    });
  });

  it('caches decisions for identical prompts', async () => {
    let calls = 0;
    const router = await llmRouter(
      scriptedModel(() => {
        calls++;
        return '{"model":"claude-sonnet"}';
      }),
    );
    await router.route(userRequest('same'), { candidates });
    const second = await router.route(userRequest('same'), { candidates });
    expect(second.reason).toContain('cached');
    expect(calls).toBe(1);
  });

  it('applies the cost knob when the router model scores every candidate', async () => {
    const reply =
      '{"model":"claude-sonnet","scores":{"llama-3.1-8b":0.7,"llama-3.1-70b":0.8,"claude-sonnet":0.9}}';
    const router = await llmRouter(
      scriptedModel(() => reply),
      { cache_ttl_ms: 0 },
    );
    expect((await router.route(userRequest('q'), { candidates, costWeight: 0 })).model).toBe('claude-sonnet');
    expect((await router.route(userRequest('q'), { candidates, costWeight: 0.5 })).model).toBe(
      'llama-3.1-8b',
    );
  });

  it('parses strictly: whatever the answer, the result is a candidate or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...names).map((name) => `{"model":"${name}"}`),
          fc.json(),
        ),
        (text) => {
          const parsed = parseRouterAnswer(text, names);
          if (parsed) expect(names).toContain(parsed.model);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        expect(parseRouterAnswer(JSON.stringify({ model: name }), names)).toEqual({
          model: name,
          match: 'json',
        });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a router model or default that is not configured', async () => {
    await expect(
      createRouter(
        { strategy: 'llm', router_model: 'ghost', default: 'llama-3.1-8b' },
        { candidates, chatModel: () => scriptedModel(() => '') },
      ),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.router_model' },
    });
  });
});
