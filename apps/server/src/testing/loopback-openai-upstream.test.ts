import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackUpstream, startLoopbackUpstream } from './loopback-openai-upstream';

let upstream: LoopbackUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

describe('loopback OpenAI upstream', () => {
  it('keeps only the latest keepRequests requests, so a benchmark upstream stays small', async () => {
    upstream = await startLoopbackUpstream({ keepRequests: 2 });
    const held = upstream.requests;
    for (const content of ['one', 'two', 'three']) {
      const answer = await fetch(`${upstream.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
      });
      expect(answer.status).toBe(200);
      await answer.text();
    }
    const contents = held.map((request) => (request.body.messages as Array<{ content: string }>)[0]?.content);
    expect(contents).toEqual(['two', 'three']);
    expect(upstream.requests).toBe(held);
  });
});
