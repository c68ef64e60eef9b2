import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeCost } from '@llmrouter/core';
import { AnswerCache, type AnswerCache as AnswerCacheType, answerKey } from '../answer-cache';
import { type CliIo, note, print } from '../cli-io';
import { buildCliRuntime } from '../cli-runtime';
import { integerOption, numberOption, type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK, EXIT_SOME_FAILED } from '../exit-codes';
import { formatDollars } from '../format-usage';
import { judgeAnswer } from '../judge-answer';
import { createProgressBar } from '../progress-bar';
import {
  promptFor,
  QUESTION_METRICS,
  type Question,
  type QuestionMetric,
  readQuestions,
} from '../question-set';
import { errorRecord, usageError } from '../report-error';
import { runPool } from '../run-pool';
import { autoMetric, type Metric, scoreAnswer } from '../score-answer';
import type { Runtime } from '../server-parts';

interface Job {
  question: Question;
  index: number;
  model: string;
  metric: Metric | 'judge';
}

interface Settings {
  runtime: Runtime;
  cache: AnswerCacheType;
  judge?: string;
  maxTokens: number;
  temperature: number;
}

/** Asks one model one question unless the cache has the answer; returns the score. */
async function scoreJob(settings: Settings, job: Job): Promise<{ score: number; paid: number }> {
  const key = answerKey(job.question.question, job.model);
  let cached = settings.cache.answers.get(key);
  let paid = 0;
  const signal = AbortSignal.timeout(300_000);
  if (!cached) {
    const resolved = settings.runtime.models.get(job.model);
    const result = await settings.runtime.chatModel(job.model).generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: promptFor(job.question, job.metric) }] }],
        maxTokens: settings.maxTokens,
        temperature: settings.temperature,
      },
      { signal },
    );
    const cost = resolved ? computeCost(result.usage, resolved.prices) : undefined;
    paid = cost?.total ?? 0;
    cached = {
      type: 'answer',
      key,
      question: job.question.question,
      model: job.model,
      answer: result.text,
      usage: result.usage,
      cost_usd: cost?.total ?? null,
    };
    await settings.cache.append(cached);
  }
  if (job.metric !== 'judge') return { score: scoreAnswer(job.metric, cached.answer, job.question), paid };
  const judge = settings.judge as string;
  const known = settings.cache.grade(key, judge);
  if (known !== undefined) return { score: known, paid };
  const score = await judgeAnswer(settings.runtime.chatModel(judge), job.question, cached.answer, signal);
  await settings.cache.append({ type: 'grade', key, judge, score });
  return { score, paid };
}

function metricFor(question: Question, flagMetric: QuestionMetric): Metric | 'judge' {
  const chosen = question.metric ?? flagMetric;
  return chosen === 'auto' ? autoMetric(question) : chosen;
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const questionsPath = stringOption(values, 'questions');
  if (questionsPath === undefined) throw usageError('--questions <file> is required.', 'generate-data');
  const flagMetric = (stringOption(values, 'metric') ?? 'auto') as QuestionMetric;
  if (!QUESTION_METRICS.includes(flagMetric))
    throw usageError(`--metric must be one of ${QUESTION_METRICS.join(', ')}.`, 'generate-data');
  const output = resolve(io.cwd, stringOption(values, 'output') ?? 'routing-data.json');
  const cachePath = resolve(io.cwd, stringOption(values, 'cache') ?? `${output}.cache.jsonl`);
  const concurrency = integerOption(values, 'concurrency', 'generate-data', { min: 1, max: 256 }) ?? 4;
  const maxTokens = integerOption(values, 'max-tokens', 'generate-data', { min: 1, max: 1_000_000 }) ?? 512;
  const temperature = numberOption(values, 'temperature', 'generate-data', { min: 0, max: 2 }) ?? 0;

  const read = await readQuestions(resolve(io.cwd, questionsPath));
  // A repeated question would be asked twice at once (both miss the cache) and give two rows for one text.
  const seen = new Set<string>();
  const questions = read.filter((question) => !seen.has(question.question) && seen.add(question.question));
  if (questions.length < read.length)
    note(io, `${read.length - questions.length} repeated questions skipped`);
  const { runtime } = await buildCliRuntime(values, io);
  const modelsFlag = stringOption(values, 'models');
  const models = modelsFlag
    ? modelsFlag
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : runtime.routable.map((model) => model.name);
  for (const name of models) {
    if (runtime.models.get(name)?.kind !== 'chat')
      throw usageError(`"${name}" is not a configured chat model.`, 'generate-data');
  }
  if (models.length === 0)
    throw usageError(
      'No models to ask: pass --models a,b or configure routable chat models.',
      'generate-data',
    );
  const judge = stringOption(values, 'judge');
  const needsJudge = questions.some((question) => metricFor(question, flagMetric) === 'judge');
  if (needsJudge && judge === undefined)
    throw usageError(
      '--metric judge (or a question with metric "judge") needs --judge <model>.',
      'generate-data',
    );
  if (judge !== undefined && runtime.models.get(judge)?.kind !== 'chat')
    throw usageError(`--judge "${judge}" is not a configured chat model.`, 'generate-data');

  const cache = await AnswerCache.open(cachePath);
  const jobs: Job[] = questions.flatMap((question, index) =>
    models.map((model) => ({ question, index, model, metric: metricFor(question, flagMetric) })),
  );
  const fresh = jobs.filter((job) => !cache.answers.has(answerKey(job.question.question, job.model))).length;
  note(
    io,
    `${questions.length} questions × ${models.length} models = ${jobs.length} answers; ${jobs.length - fresh} cached in ${cachePath}, ${fresh} to ask`,
  );

  const settings: Settings = {
    runtime,
    cache,
    maxTokens,
    temperature,
    ...(judge === undefined ? {} : { judge }),
  };
  const progress = createProgressBar(io, jobs.length, 'asking');
  let paid = 0;
  const failures: Array<{ question: number; model: string; code: string; message: string }> = [];
  const scores = await runPool(
    jobs,
    concurrency,
    async (job) => {
      try {
        const outcome = await scoreJob(settings, job);
        paid += outcome.paid;
        return outcome.score;
      } catch (error) {
        const record = errorRecord(error);
        failures.push({
          question: job.index + 1,
          model: job.model,
          code: record.code,
          message: record.message,
        });
        return undefined;
      }
    },
    (index) => progress.tick(jobs[index]?.model),
  );
  progress.done();

  const rows = questions.map((question) => ({
    question: question.question,
    scores: {} as Record<string, number>,
  }));
  jobs.forEach((job, position) => {
    const score = scores[position];
    if (score !== undefined) (rows[job.index] as (typeof rows)[number]).scores[job.model] = score;
  });
  await writeFile(output, `${JSON.stringify(rows, null, 2)}\n`);
  const means = models.map((model) => {
    const values = rows
      .map((row) => row.scores[model])
      .filter((score): score is number => score !== undefined);
    return {
      model,
      mean: values.length ? values.reduce((sum, score) => sum + score, 0) / values.length : null,
      answered: values.length,
    };
  });
  for (const failure of failures.slice(0, 5))
    note(
      io,
      `${io.err.red('failed')}: question ${failure.question} × ${failure.model}: ${failure.code}: ${failure.message}`,
    );
  note(
    io,
    `wrote ${output} (${rows.length} questions)${paid > 0 ? `; this run paid ${formatDollars(paid)}` : ''}${failures.length ? `; ${failures.length} calls failed, rerun to retry only those` : ''}`,
  );
  if (values.json === true)
    print(
      io,
      JSON.stringify({ output, cache: cachePath, questions: rows.length, models: means, failed: failures }),
    );
  else
    for (const { model, mean, answered } of means)
      print(io, `${model.padEnd(28)} mean score ${mean === null ? '-' : mean.toFixed(3)} over ${answered}`);
  return failures.length > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}
