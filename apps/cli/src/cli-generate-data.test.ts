import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, temporaryFolder } from './testing/cli-process';
import { startTestUpstream, type TestUpstream } from './testing/loopback-upstream';
import { writeTestConfig } from './testing/test-config';

const QUESTIONS = [
  { question: 'What is the capital of France?', answer: 'Paris' },
  { question: 'Tom has 3 apples and buys 4 more. How many apples?', answer: 7 },
  { question: 'Which planet is red?', choices: ['Venus', 'Mars', 'Jupiter'], answer: 'B' },
  { question: 'Name the author of Hamlet.', answer: 'William Shakespeare', metric: 'exact' },
];

/** The oracle knows every answer; the dunce never does; the judge grades by looking for the reference. */
function reply(model: string, prompt: string): string | { status: number; message: string } {
  if (model === 'judge-model')
    return /Candidate answer: .*(Paris|#### 7|Shakespeare|\(B\))/s.test(prompt) ? 'SCORE: 1' : 'SCORE: 0';
  if (model === 'dunce-model')
    return prompt.includes('France') && flaky.fail ? { status: 503, message: 'overloaded' } : 'I do not know';
  if (prompt.includes('France')) return 'The capital of France is Paris';
  if (prompt.includes('apples')) return 'Three plus four.\n#### 7';
  if (prompt.includes('planet')) return 'The answer is (B)';
  return 'William Shakespeare';
}
const flaky = { fail: false };

let emulator: BedrockEmulator;
let upstream: TestUpstream;
let folder: string;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startBedrockEmulator();
  upstream = await startTestUpstream(reply);
  folder = temporaryFolder();
  writeTestConfig(folder, {
    emulatorUrl: emulator.url,
    upstreamUrl: upstream.url,
    extraModels: '  judge:\n    provider: loopback\n    model: judge-model\n    routable: false\n',
  });
  writeFileSync(
    join(folder, 'questions.jsonl'),
    QUESTIONS.map((question) => JSON.stringify(question)).join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  await upstream?.close();
});

const callsTo = (model: string) => upstream.requests.filter((request) => request.model === model).length;

describe('llmrouter generate-data', () => {
  it('scores every model on every question, resumes without repeating paid calls, and feeds train', async () => {
    flaky.fail = true;
    const args = [
      'generate-data',
      '--questions',
      'questions.jsonl',
      '--models',
      'oracle,dunce,haiku',
      '--output',
      'routing.json',
      '--concurrency',
      '3',
    ];
    const first = await runCli(args, { cwd: folder });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/1 calls failed, rerun to retry only those/);
    expect(callsTo('oracle-model')).toBe(4);
    expect(callsTo('dunce-model')).toBe(4);

    flaky.fail = false;
    const second = await runCli([...args, '--json'], { cwd: folder });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/12 answers; 11 cached .* 1 to ask/);
    expect(callsTo('oracle-model')).toBe(4);
    expect(callsTo('dunce-model')).toBe(5);

    const rows = JSON.parse(readFileSync(join(folder, 'routing.json'), 'utf8')) as Array<{
      question: string;
      scores: Record<string, number>;
    }>;
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.scores.oracle)).toEqual([expect.any(Number), 1, 1, 1]);
    expect(rows[0]?.scores.oracle).toBeGreaterThan(0.3);
    expect(rows.map((row) => row.scores.dunce)).toEqual([0, 0, 0, 0]);
    expect(Object.keys(rows[0]?.scores ?? {}).sort()).toEqual(['dunce', 'haiku', 'oracle']);
    const summary = JSON.parse(second.stdout) as { models: Array<{ model: string; mean: number }> };
    expect(summary.models.find((entry) => entry.model === 'oracle')?.mean).toBeGreaterThan(0.8);

    const third = await runCli(args, { cwd: folder });
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/12 cached .* 0 to ask/);
    expect(callsTo('oracle-model') + callsTo('dunce-model')).toBe(9);

    // Trained with the config's Bedrock embedding model (through the emulator), then replayed with it.
    const trainArgs = [
      '--output',
      'generated.knn',
      '--config',
      'llmrouter.yaml',
      '--embedder',
      'model:embed',
      '--k',
      '2',
    ];
    const trained = await runCli(['train', '--data', 'routing.json', ...trainArgs], { cwd: folder });
    expect(trained.stderr).toMatch(/4 questions, 3 models/);
    expect(trained.stderr).toMatch(/embedding the questions with model embed/);
    expect(trained.code).toBe(0);
    const evalArgs = [
      '--artifact',
      'generated.knn',
      '--data',
      'routing.json',
      '--config',
      'llmrouter.yaml',
      '--json',
    ];
    const evaluated = await runCli(['eval', ...evalArgs], { cwd: folder });
    expect(evaluated.stderr).not.toMatch(/error/);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ rows: 4, embedder: 'model' });
  });

  it('grades with a judge model, caching the grades too', async () => {
    const args = [
      'generate-data',
      '--questions',
      'questions.jsonl',
      '--models',
      'oracle,dunce',
      '--metric',
      'judge',
      '--judge',
      'judge',
      '--output',
      'judged.json',
      '--cache',
      'judged.cache.jsonl',
    ];
    const first = await runCli(args, { cwd: folder });
    expect(first.code).toBe(0);
    const rows = JSON.parse(readFileSync(join(folder, 'judged.json'), 'utf8')) as Array<{
      scores: Record<string, number>;
    }>;
    // Question 4 keeps its own metric (exact); the others are graded by the judge.
    expect(rows.map((row) => row.scores.oracle)).toEqual([1, 1, 1, 1]);
    expect(rows.map((row) => row.scores.dunce)).toEqual([0, 0, 0, 0]);
    const judged = callsTo('judge-model');
    expect(judged).toBe(6);
    await runCli(args, { cwd: folder });
    expect(callsTo('judge-model')).toBe(judged);
  });

  it('explains a bad question file and a missing judge', async () => {
    writeFileSync(join(folder, 'bad.json'), '[{"question": "no answer"}]');
    const bad = await runCli(['generate-data', '--questions', 'bad.json'], { cwd: folder });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/question 1 has no "answer"/);
    const noJudge = await runCli(['generate-data', '--questions', 'questions.jsonl', '--metric', 'judge'], {
      cwd: folder,
    });
    expect(noJudge.code).toBe(2);
    expect(noJudge.stderr).toMatch(/--judge/);
  });
});
