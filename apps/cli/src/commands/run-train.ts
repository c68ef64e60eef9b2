import { resolve } from 'node:path';
import { LLMRouterError } from '@llmrouter/errors';
import { loadRoutingData, trainKnnRouter } from '@llmrouter/router-strategies';
import { type CliIo, note, print } from '../cli-io';
import { integerOption, type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK } from '../exit-codes';
import { usageError } from '../report-error';
import { configPrices, type EmbeddingModelLookup, parseEmbedder, readPrices } from '../routing-inputs';

const KNN_NAMES = new Set(['knn', 'knnrouter', 'llmrouter']);

function elapsed(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const router = stringOption(values, 'router') ?? 'knn';
  if (!KNN_NAMES.has(router.toLowerCase())) {
    throw new LLMRouterError({
      code: 'unsupported_feature',
      message: `"${router}" is not a trainable router.`,
      hint: 'Train the kNN router (--router knn); random, round_robin, rules and llm need no training.',
    });
  }
  const data = stringOption(values, 'data');
  if (data === undefined) throw usageError('--data <routing data file> is required.', 'train');
  const output = resolve(io.cwd, stringOption(values, 'output') ?? 'router.knn');
  const embedder = parseEmbedder(stringOption(values, 'embedder'), 'train');
  const k = integerOption(values, 'k', 'train', { min: 1, max: 100_000 });
  const learner = stringOption(values, 'learner');
  if (learner !== undefined && learner !== 'knn' && learner !== 'family-knn' && learner !== 'linear') {
    throw usageError(`--learner must be knn, family-knn or linear, not "${learner}".`, 'train');
  }

  const configFlag = stringOption(values, 'config');
  let prices = {};
  let embeddingModel: EmbeddingModelLookup;
  if (configFlag !== undefined || embedder?.type === 'model') {
    const { buildCliRuntime } = await import('../cli-runtime');
    const { runtime, loaded } = await buildCliRuntime(values, io);
    prices = configPrices(loaded);
    embeddingModel = (name) => runtime.embeddingModel(name);
  }
  const pricesFile = stringOption(values, 'prices');
  if (pricesFile !== undefined) prices = { ...prices, ...(await readPrices(pricesFile, io.cwd)) };

  const started = performance.now();
  note(io, `reading ${data}…`);
  const rows = await loadRoutingData(resolve(io.cwd, data));
  const models = new Set(rows.flatMap((row) => Object.keys(row.scores)));
  note(io, `  ${rows.length} questions, ${models.size} models (${elapsed(started)})`);
  note(
    io,
    `embedding the questions with ${embedder?.type === 'model' ? `model ${embedder.model}` : (embedder?.type ?? 'hashed-tfidf')}…`,
  );
  const result = await trainKnnRouter({
    data: rows,
    prices,
    ...(embedder === undefined ? {} : { embedder }),
    ...(embeddingModel === undefined ? {} : { embeddingModel }),
    ...(k === undefined ? {} : { k }),
    ...(learner === undefined ? {} : { learner }),
    output,
  });
  const { header } = result.artifact;
  const unpriced = header.models.filter((model) => !header.prices[model]);
  note(
    io,
    `  wrote ${output} (${(result.bytes.length / 1e6).toFixed(2)} MB, ${header.dimensions} dimensions, k=${header.k}) in ${elapsed(started)}`,
  );
  if (unpriced.length) {
    note(
      io,
      `${io.err.yellow('warning')}: no price for ${unpriced.join(', ')}; cost-aware routing and eval need --prices or --config.`,
    );
  }
  const summary = {
    artifact: output,
    rows: header.rows,
    models: header.models,
    embedder: header.embedder.id,
    k: header.k,
    bytes: result.bytes.length,
  };
  if (values.json === true) print(io, JSON.stringify(summary));
  else
    note(
      io,
      `use it: router: {strategy: llmrouter, artifact: ${output}}  or  --router llmrouter --artifact ${output}`,
    );
  return EXIT_OK;
}
