import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type HttpProviderV1 } from './index';
import { fixtureVector } from './testing-servers/fixture-answers';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

let server: OpenAIServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function embedder(kind = 'vllm', embeddingsPath?: string) {
  const provider = createOpenAICompatibleProvider({
    kind,
    baseUrl: `${server.url}/v1`,
    apiKey: 'emb-loopback-key-1',
    maxRetries: 0,
    ...(embeddingsPath === undefined ? {} : { embeddingsPath }),
  });
  providers.push(provider);
  const model = provider.embeddingModel?.('text-embedding-3-small');
  if (!model) throw new Error('no embedding model');
  return model;
}

describe('OpenAI embeddings', () => {
  it('posts to /embeddings with encoding_format float and dimensions', async () => {
    const result = await embedder().embed({ values: ['alpha', 'beta'], dimensions: 4 });
    expect(server.requests.at(-1)).toMatchObject({
      path: '/v1/embeddings',
      body: {
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta'],
        encoding_format: 'float',
        dimensions: 4,
      },
    });
    expect(result.embeddings).toEqual([fixtureVector('alpha', 4), fixtureVector('beta', 4)]);
    expect(result.usage.inputTokens).toBe(2);
    expect(result.modelId).toBe('text-embedding-3-small');
  });

  it('splits more values than one call takes into batches, keeping order', async () => {
    const model = embedder();
    expect(model.maxValuesPerCall).toBe(2048);
    const values = Array.from({ length: 2050 }, (_, index) => `value ${index}`);
    const before = server.requests.length;
    const result = await model.embed({ values });
    const calls = server.requests
      .slice(before)
      .map((request) => (request.body as { input: string[] }).input.length);
    expect(calls).toEqual([2048, 2]);
    expect(result.embeddings).toHaveLength(2050);
    expect(result.embeddings[2049]).toEqual(fixtureVector('value 2049', 8));
  });

  it('normalizes locally when asked', async () => {
    const result = await embedder().embed({ values: ['gamma'], normalize: true });
    const length = Math.hypot(...(result.embeddings[0] ?? []));
    expect(length).toBeCloseTo(1, 6);
  });

  it('maps inputType to NVIDIA input_type and warns elsewhere', async () => {
    await embedder('nvidia').embed({ values: ['doc'], inputType: 'document' });
    expect(server.requests.at(-1)?.body).toMatchObject({ input_type: 'passage' });
    const result = await embedder('vllm').embed({ values: ['q'], inputType: 'query' });
    expect(result.warnings).toContainEqual(expect.objectContaining({ setting: 'inputType' }));
  });

  it('honours embeddings_path', async () => {
    const model = embedder('vllm', '/custom/embeddings');
    await model.embed({ values: ['x'] });
    expect(server.requests.at(-1)?.path).toBe('/v1/custom/embeddings');
  });
});
