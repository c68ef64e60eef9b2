import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, temporaryFolder } from './testing/cli-process';

const TOPICS = [
  { words: ['python', 'function', 'loop', 'compile', 'debug'], best: 'coder' },
  { words: ['integral', 'equation', 'prime', 'algebra', 'proof'], best: 'mathematician' },
  { words: ['capital', 'river', 'history', 'country', 'king'], best: 'generalist' },
];
const MODELS = ['coder', 'mathematician', 'generalist'];

/** Routing data where each topic has one model that answers it well. */
function routingData(
  count: number,
  offset: number,
): Array<{ question: string; scores: Record<string, number> }> {
  return Array.from({ length: count }, (_, index) => {
    const topic = TOPICS[index % TOPICS.length] as (typeof TOPICS)[number];
    const words = topic.words.map(
      (word, position) => topic.words[(position + index + offset) % topic.words.length] ?? word,
    );
    return {
      question: `question ${index + offset} about ${words.slice(0, 3).join(' ')}`,
      scores: Object.fromEntries(MODELS.map((model) => [model, model === topic.best ? 1 : 0.1])),
    };
  });
}

let folder: string;
beforeAll(() => {
  ensureBuilt();
  folder = temporaryFolder();
  writeFileSync(join(folder, 'train.json'), JSON.stringify(routingData(90, 0)));
  writeFileSync(join(folder, 'test.json'), JSON.stringify(routingData(30, 1000)));
  writeFileSync(
    join(folder, 'models.json'),
    JSON.stringify({
      coder: { input_price: 1, output_price: 1 },
      mathematician: { input_price: 2, output_price: 2 },
      generalist: { input_price: 0.5, output_price: 0.5 },
    }),
  );
}, 120_000);

describe('llmrouter train and eval', () => {
  it('trains the kNN router into an artifact, evaluates it, and routes with it', async () => {
    const trained = await runCli(
      [
        'train',
        '--router',
        'knnrouter',
        '--data',
        'train.json',
        '--prices',
        'models.json',
        '--output',
        'router.knn',
        '--k',
        '10',
        '--json',
      ],
      { cwd: folder },
    );
    expect(trained.code).toBe(0);
    expect(trained.stderr).toMatch(/90 questions, 3 models/);
    expect(trained.stderr).toMatch(/wrote .*router\.knn/);
    expect(JSON.parse(trained.stdout)).toMatchObject({
      rows: 90,
      models: MODELS.slice().sort(),
      embedder: 'hashed-tfidf',
      k: 10,
    });

    const evaluated = await runCli(
      [
        'eval',
        '--artifact',
        'router.knn',
        '--data',
        'test.json',
        '--output',
        'eval.json',
        '--svg',
        'eval.svg',
      ],
      { cwd: folder },
    );
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/30 questions · k=10/);
    expect(evaluated.stdout).toMatch(/oracle\s+1\.000/);
    expect(evaluated.stdout).toMatch(/AIQ/);
    const report = JSON.parse(readFileSync(join(folder, 'eval.json'), 'utf8')) as {
      rows: number;
      bestQuality: { quality: number };
    };
    expect(report.rows).toBe(30);
    expect(report.bestQuality.quality).toBeGreaterThan(0.9);
    expect(readFileSync(join(folder, 'eval.svg'), 'utf8')).toMatch(/^<svg/);

    const json = await runCli(['eval', '--artifact', 'router.knn', '--data', 'test.json', '--json'], {
      cwd: folder,
    });
    expect((JSON.parse(json.stdout) as { rows: number }).rows).toBe(30);

    // The artifact routes: a config whose models carry the trained names.
    writeFileSync(
      join(folder, 'knn.yaml'),
      [
        'providers: { local: { type: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key: k } }',
        'models:',
        ...MODELS.map(
          (model) => `  ${model}: { provider: local, model: ${model}, input_price: 1, output_price: 1 }`,
        ),
        'router: { strategy: random }',
      ].join('\n'),
    );
    const routed = await runCli(
      [
        'infer',
        '--route-only',
        '--config',
        'knn.yaml',
        '--router',
        'llmrouter',
        '--artifact',
        'router.knn',
        '--query',
        'how do I debug this python loop',
        '--json',
      ],
      { cwd: folder },
    );
    expect(routed.code).toBe(0);
    expect(JSON.parse(routed.stdout)).toMatchObject({ model: 'coder', strategy: 'llmrouter' });
  });

  it('trains the linear learner on request and evaluates its artifact', async () => {
    const trained = await runCli(
      [
        'train',
        '--data',
        'train.json',
        '--prices',
        'models.json',
        '--learner',
        'linear',
        '--output',
        'linear.knn',
      ],
      { cwd: folder },
    );
    expect(trained.code).toBe(0);
    const evaluated = await runCli(['eval', '--artifact', 'linear.knn', '--data', 'test.json', '--json'], {
      cwd: folder,
    });
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ learner: 'linear' });
    const wrong = await runCli(['train', '--data', 'train.json', '--learner', 'forest'], { cwd: folder });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--learner must be knn, family-knn or linear/);
  });

  it('explains missing inputs and non-trainable routers', async () => {
    const noData = await runCli(['train'], { cwd: folder });
    expect(noData.code).toBe(2);
    expect(noData.stderr).toMatch(/--data/);
    const rules = await runCli(['train', '--router', 'rules', '--data', 'train.json'], { cwd: folder });
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(/not a trainable router/);
    const missing = await runCli(['eval', '--artifact', 'nothing.knn', '--data', 'test.json'], {
      cwd: folder,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/hint: Train one/);
    expect(existsSync(join(folder, 'nothing.knn'))).toBe(false);
  });
});
