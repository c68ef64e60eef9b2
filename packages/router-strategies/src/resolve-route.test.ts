import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';
import { resolveRoute } from './resolve-route';

const candidates = [
  candidate('opus', 15, 'top'),
  candidate('sonnet', 3, 'mid'),
  candidate('haiku', 1, 'low'),
  candidate('nano', 0.1, 'low'),
];

describe('resolveRoute', () => {
  it('does not route a request that names a configured model', async () => {
    const router = await createRouter({ strategy: 'round_robin' }, { candidates });
    const resolved = await resolveRoute({
      requestedModel: 'sonnet',
      request: userRequest('hi'),
      router,
      candidates,
    });
    expect(resolved.decision).toMatchObject({ model: 'sonnet', strategy: 'direct' });
  });

  it('routes auto, empty and unknown names', async () => {
    const router = await createRouter({ strategy: 'rules', rules: [], default: 'haiku' }, { candidates });
    for (const requestedModel of ['auto', '', 'gpt-unknown', undefined]) {
      const resolved = await resolveRoute({ requestedModel, request: userRequest('hi'), router, candidates });
      expect(resolved.decision).toMatchObject({ model: 'haiku', strategy: 'rules' });
    }
  });

  it('strips a tier tag from the prompt and routes within the tier', async () => {
    const router = await createRouter({ strategy: 'rules', rules: [], default: 'haiku' }, { candidates });
    const resolved = await resolveRoute({
      requestedModel: 'auto',
      request: userRequest('[high] Prove it'),
      router,
      candidates,
    });
    expect(resolved.tier).toBe('top');
    expect(resolved.decision.model).toBe('opus');
    expect(resolved.request.messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Prove it' }],
    });
  });

  it('takes the tier from x-llmrouter-tier, and refuses an empty tier or an unknown word', async () => {
    const router = await createRouter({ strategy: 'round_robin' }, { candidates });
    const low = await resolveRoute({
      request: userRequest('hi'),
      router,
      candidates,
      headers: { 'x-llmrouter-tier': 'low' },
    });
    expect(['haiku', 'nano']).toContain(low.decision.model);
    await expect(
      resolveRoute({ request: userRequest('hi [top]'), router, candidates: candidates.slice(1) }),
    ).rejects.toMatchObject({ code: 'no_route' });
    await expect(
      resolveRoute({
        request: userRequest('hi'),
        router,
        candidates,
        headers: { 'x-llmrouter-tier': 'ultra' },
      }),
    ).rejects.toMatchObject({ code: 'request_invalid' });
  });
});
