// Decision latency of every routing strategy with 5,000 training rows, beside a no-op router measured
// in the same run (the floor: an async call that returns a constant).
//
//   pnpm --filter @llmrouter/router-strategies build
//   node bench/routing/run.mjs [--iterations 2000] [--use-lite]
//
// --use-lite adds the Universal Sentence Encoder embedder; embedding 5,000 training rows with it takes
// about 13 minutes on 2 cores (TensorFlow.js on the CPU), so it is off by default.
//
// Uses ../shared/data/routing (train.json, test.json) when present beside the repository, otherwise
// generated questions. The `llm` router's model and the `model` embedder answer in-process at once, so
// their rows show this package's own overhead, not a provider's network time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRouter,
  parseRoutingData,
  trainKnnRouter,
} from '../../packages/router-strategies/dist/index.js';
import { argument, repositoryRoot as root } from '../command-line.mjs';

const iterations = Number(argument('--iterations', '2000'));
const ROWS = 5000;
const dataDirectory = join(root, '../shared/data/routing');

function generated(count, seed) {
  const topics = [
    'integral',
    'python function',
    'capital city',
    'protein',
    'novel',
    'tax law',
    'prime number',
    'river',
  ];
  return Array.from({ length: count }, (_, index) => ({
    question: `Question ${index + seed}: explain the ${topics[(index * 7 + seed) % topics.length]} and how ${topics[(index * 3 + seed) % topics.length]} relates to it?`,
    scores: { small: (index % 3) / 2, medium: (index % 5) / 4, large: 1 - (index % 2) / 2 },
  }));
}

let train;
let queries;
if (existsSync(join(dataDirectory, 'train.json'))) {
  const rows = parseRoutingData(readFileSync(join(dataDirectory, 'train.json'), 'utf8'));
  // Pad to exactly 5,000 rows by repeating questions with a suffix, so the index holds distinct rows.
  train = Array.from({ length: ROWS }, (_, index) => {
    const row = rows[index % rows.length];
    return index < rows.length ? row : { question: `${row.question} (variant ${index})`, scores: row.scores };
  });
  queries = parseRoutingData(readFileSync(join(dataDirectory, 'test.json'), 'utf8')).map(
    (row) => row.question,
  );
} else {
  train = generated(ROWS, 0);
  queries = generated(500, 7).map((row) => row.question);
}
const modelNames = [...new Set(train.flatMap((row) => Object.keys(row.scores)))];
const candidates = modelNames.map((name, index) => ({
  name,
  provider: 'openai',
  modelId: name,
  inputPrice: 0.1 + index * 0.2,
  outputPrice: 0.1 + index * 0.2,
  tags: [],
  description: `model ${name}`,
}));
const context = { candidates };
const requests = queries.map((text) => ({ messages: [{ role: 'user', content: [{ type: 'text', text }] }] }));

const instantRouterModel = {
  specificationVersion: 'v1',
  provider: 'bench',
  modelId: 'router',
  async generate() {
    return {
      text: JSON.stringify({ model: modelNames[0] }),
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      latencyMs: 0,
      modelId: 'router',
      providerMetadata: {},
      warnings: [],
    };
  },
  async *stream() {},
};
// A deterministic 256-dimension "embedding model": hashed character trigrams.
const instantEmbeddingModel = {
  specificationVersion: 'v1',
  provider: 'bench',
  modelId: 'embed',
  maxValuesPerCall: 256,
  async embed({ values }) {
    const embeddings = values.map((text) => {
      const vector = new Array(256).fill(0);
      for (let index = 0; index + 3 <= text.length; index++)
        vector[
          (text.charCodeAt(index) * 31 + text.charCodeAt(index + 1) * 7 + text.charCodeAt(index + 2)) % 256
        ] += 1;
      return vector;
    });
    return {
      embeddings,
      usage: { inputTokens: 0 },
      latencyMs: 0,
      modelId: 'embed',
      providerMetadata: {},
      warnings: [],
    };
  },
};

async function measure(router, count = iterations) {
  for (let index = 0; index < Math.min(200, count); index++)
    await router.route(requests[index % requests.length], context);
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const request = requests[index % requests.length];
    const start = process.hrtime.bigint();
    await router.route(request, context);
    samples[index] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort();
  return { p50: samples[Math.floor(count * 0.5)], p99: samples[Math.floor(count * 0.99)] };
}

const noop = {
  specificationVersion: 'v1',
  strategy: 'noop',
  route: async () => ({ model: modelNames[0], strategy: 'noop', reason: 'bench' }),
};
const rules = Array.from({ length: 10 }, (_, index) => ({
  model: modelNames[index % modelNames.length],
  keywords: [`keyword${index}`, `other${index}`],
  patterns: [`^pattern${index}`],
}));
const artifactFor = async (embedder, learner = 'knn') =>
  (await trainKnnRouter({ data: train, embedder, learner, embeddingModel: () => instantEmbeddingModel }))
    .bytes;

const rows = [];
const add = async (label, router, count) => rows.push({ strategy: label, ...(await measure(router, count)) });
await add('no-op (baseline)', noop);
await add('random', await createRouter({ strategy: 'random' }, { candidates }));
await add('round_robin', await createRouter({ strategy: 'round_robin' }, { candidates }));
await add(
  'rules (10 rules)',
  await createRouter({ strategy: 'rules', rules, default: modelNames[0] }, { candidates }),
);
await add(
  'llm (instant in-process router model, cache off)',
  await createRouter(
    { strategy: 'llm', router_model: modelNames[0], default: modelNames[0], cache_ttl_ms: 0 },
    { candidates, chatModel: () => instantRouterModel },
  ),
);
const tfidf = await artifactFor({ type: 'hashed-tfidf' });
await add(
  'llmrouter kNN, hashed-tfidf (default)',
  await createRouter({ strategy: 'llmrouter', artifact: 'a' }, { candidates, readFile: async () => tfidf }),
);
const linear = await artifactFor({ type: 'hashed-tfidf' }, 'linear');
await add(
  'llmrouter linear, hashed-tfidf',
  await createRouter({ strategy: 'llmrouter', artifact: 'a' }, { candidates, readFile: async () => linear }),
);
const familyKnn = await artifactFor({ type: 'hashed-tfidf' }, 'family-knn');
await add(
  'llmrouter family-knn, hashed-tfidf',
  await createRouter(
    { strategy: 'llmrouter', artifact: 'a' },
    { candidates, readFile: async () => familyKnn },
  ),
);
const modelArtifact = await artifactFor({ type: 'model', model: 'embed' });
await add(
  'llmrouter kNN, model embedder (instant, 256-d)',
  await createRouter(
    { strategy: 'llmrouter', artifact: 'a', embedder: { type: 'model', model: 'embed' } },
    { candidates, readFile: async () => modelArtifact, embeddingModel: () => instantEmbeddingModel },
  ),
);
if (!process.argv.includes('--use-lite')) {
  rows.push({
    strategy: 'llmrouter kNN, use-lite: skipped (pass --use-lite)',
    p50: Number.NaN,
    p99: Number.NaN,
  });
} else
  try {
    const started = performance.now();
    const useLite = await artifactFor({ type: 'use-lite' });
    console.error(
      `use-lite: embedded ${ROWS} training rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await add(
      'llmrouter kNN, use-lite (USE, 512-d)',
      await createRouter(
        { strategy: 'llmrouter', artifact: 'a', embedder: { type: 'use-lite' } },
        { candidates, readFile: async () => useLite },
      ),
      Math.min(iterations, 300),
    );
  } catch (error) {
    rows.push({
      strategy: `llmrouter kNN, use-lite: skipped (${error.code ?? error.message})`,
      p50: Number.NaN,
      p99: Number.NaN,
    });
  }

console.log(
  `decision latency, ${ROWS} training rows, ${iterations} decisions per row (use-lite: up to 300), Node ${process.version}`,
);
console.table(
  rows.map((row) => ({ strategy: row.strategy, 'p50 ms': row.p50.toFixed(4), 'p99 ms': row.p99.toFixed(4) })),
);
