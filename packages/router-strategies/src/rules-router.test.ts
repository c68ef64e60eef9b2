import type { RuleConfig } from '@llmrouter/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';

const candidates = [
  candidate('coder', 3, 'top'),
  candidate('thinker', 2, 'mid'),
  candidate('cheap', 0.2, 'low'),
];

async function rulesRouter(rules: RuleConfig[], fallback = 'cheap') {
  return createRouter({ strategy: 'rules', rules, default: fallback }, { candidates });
}

describe('rules router', () => {
  it('matches keywords as whole words, case-insensitively, first rule first', async () => {
    const router = await rulesRouter([
      { model: 'coder', keywords: ['code', 'python'] },
      { model: 'thinker', keywords: ['analyze'] },
    ]);
    expect((await router.route(userRequest('Write PYTHON please'), { candidates })).model).toBe('coder');
    expect((await router.route(userRequest('this is codex, not a keyword'), { candidates })).model).toBe(
      'cheap',
    );
    expect((await router.route(userRequest('analyze this code'), { candidates })).model).toBe('coder');
    expect((await router.route(userRequest('analyze this'), { candidates })).reason).toBe('rule 2 matched');
  });

  it('matches patterns, lengths, tools, images, metadata and headers', async () => {
    const router = await rulesRouter([
      { model: 'coder', patterns: ['^```'] },
      { model: 'thinker', has_images: true },
      { model: 'coder', has_tools: true },
      { model: 'thinker', metadata: { team: 'research' } },
      { model: 'coder', headers: { 'X-Route': 'code' } },
      { model: 'thinker', min_length: 20, max_length: 30 },
    ]);
    const route = (request: Parameters<typeof router.route>[0], context = {}) =>
      router.route(request, { candidates, ...context });
    expect((await route(userRequest('```js\nx'))).model).toBe('coder');
    const image = {
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'image' as const, source: { type: 'url' as const, url: 'https://x/y.png' } }],
        },
      ],
    };
    expect((await route(image)).model).toBe('thinker');
    expect((await route(userRequest('hi', { tools: [{ name: 'f', parameters: {} }] }))).model).toBe('coder');
    expect((await route(userRequest('hi'), { metadata: { team: 'research' } })).model).toBe('thinker');
    expect((await route(userRequest('hi'), { headers: { 'x-route': 'code' } })).model).toBe('coder');
    expect((await route(userRequest('exactly twenty-five chars'))).model).toBe('thinker');
    expect((await route(userRequest('short'))).model).toBe('cheap');
  });

  it('routes within a tier: rules outside it are skipped, the default falls back to the cheapest in tier', async () => {
    const router = await rulesRouter([{ model: 'coder', keywords: ['code'] }], 'cheap');
    const mid = candidates.filter((item) => item.tier === 'mid');
    expect((await router.route(userRequest('code'), { candidates: mid })).model).toBe('thinker');
  });

  it('refuses unknown models and bad regular expressions with the config path', async () => {
    await expect(rulesRouter([{ model: 'ghost' }])).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.rules[0].model' },
    });
    await expect(rulesRouter([], 'ghost')).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.default' },
    });
    await expect(rulesRouter([{ model: 'coder', patterns: ['(unclosed'] }])).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.rules[0].patterns[0]' },
    });
  });

  it('always returns a configured model', async () => {
    const names = candidates.map((item) => item.name);
    const rule = fc.record(
      {
        model: fc.constantFrom(...names),
        keywords: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }),
        min_length: fc.nat(40),
        has_tools: fc.boolean(),
      },
      { requiredKeys: ['model'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule, { maxLength: 5 }),
        fc.constantFrom(...names),
        fc.string({ maxLength: 60 }),
        async (rules, fallback, text) => {
          const router = await rulesRouter(rules, fallback);
          const { model } = await router.route(userRequest(text), { candidates });
          expect(names).toContain(model);
        },
      ),
      { numRuns: 150 },
    );
  });
});
