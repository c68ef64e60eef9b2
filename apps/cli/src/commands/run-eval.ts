import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LLMRouterError } from '@llmrouter/errors';
import {
  evaluateRouting,
  loadRoutingData,
  type RoutingEvaluation,
  renderEvaluationSvg,
} from '@llmrouter/router-strategies';
import { type CliIo, note, print } from '../cli-io';
import { type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK } from '../exit-codes';
import { formatTable } from '../format-table';
import { usageError } from '../report-error';
import { type EmbeddingModelLookup, readPrices } from '../routing-inputs';

const fixed = (value: number, digits = 3) => value.toFixed(digits);

export function renderEvaluation(evaluation: RoutingEvaluation): string {
  const { baselines } = evaluation;
  const points: Array<[string, { cost: number; quality: number }]> = [
    [`best single (${baselines.bestSingle.model})`, baselines.bestSingle],
    [`cheapest (${baselines.cheapest.model})`, baselines.cheapest],
    ['random', baselines.random],
    ['oracle', baselines.oracle],
    ...Object.entries(evaluation.presets).map(
      ([name, point]): [string, { cost: number; quality: number }] => [
        `router ${name} (λ=${point.lambda.toPrecision(2)})`,
        point,
      ],
    ),
    [`router best quality (λ=${evaluation.bestQuality.lambda.toPrecision(2)})`, evaluation.bestQuality],
  ];
  const lines = [
    `${evaluation.rows} questions · k=${evaluation.k} · embedder ${evaluation.embedder}`,
    '',
    formatTable(
      ['model', 'price $/M', 'quality', 'relative cost'],
      evaluation.models.map((model) => [model.name, model.price, fixed(model.quality), fixed(model.cost, 2)]),
    ),
    '',
    formatTable(
      ['policy', 'quality', 'relative cost'],
      points.map(([name, point]) => [name, fixed(point.quality), fixed(point.cost, 2)]),
    ),
    '',
    `AIQ (area under the cost/quality hull): ${fixed(evaluation.aiq)}`,
    evaluation.atBestSingleQuality
      ? `best single model's quality at ${fixed(evaluation.atBestSingleQuality.cost, 2)} of its cost (saving ${(evaluation.atBestSingleQuality.saving * 100).toFixed(0)}%)`
      : "no swept λ reaches the best single model's quality",
    `gap to the oracle at best quality: ${fixed(evaluation.gapToOracle)}`,
    `costs: ${evaluation.costUnit}`,
  ];
  return lines.join('\n');
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const artifactPath = stringOption(values, 'artifact');
  const data = stringOption(values, 'data');
  if (artifactPath === undefined || data === undefined)
    throw usageError('--artifact <file> and --data <file> are required.', 'eval');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(io.cwd, artifactPath)));
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `Cannot read artifact ${artifactPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      hint: 'Train one with `llmrouter train --data <train data> --output router.knn`.',
    });
  }
  const rows = await loadRoutingData(resolve(io.cwd, data));
  const pricesFile = stringOption(values, 'prices');
  const prices = pricesFile === undefined ? undefined : await readPrices(pricesFile, io.cwd);
  note(io, `replaying ${rows.length} questions through ${artifactPath}…`);
  let embeddingModel: EmbeddingModelLookup;
  if (stringOption(values, 'config') !== undefined) {
    const { buildCliRuntime } = await import('../cli-runtime');
    // Only the config's embedding models are needed: --artifact here is what to evaluate, not a router.
    const { runtime } = await buildCliRuntime({ config: stringOption(values, 'config') }, io);
    embeddingModel = (name) => runtime.embeddingModel(name);
  }
  const evaluation = await evaluateRouting({
    data: rows,
    artifact: bytes,
    ...(prices === undefined ? {} : { prices }),
    ...(embeddingModel === undefined ? {} : { embeddingModel }),
  });

  const output = stringOption(values, 'output');
  if (output !== undefined) {
    await writeFile(resolve(io.cwd, output), `${JSON.stringify(evaluation, null, 2)}\n`);
    note(io, `wrote ${output}`);
  }
  const svg = stringOption(values, 'svg');
  if (svg !== undefined) {
    await writeFile(resolve(io.cwd, svg), renderEvaluationSvg(evaluation));
    note(io, `wrote ${svg}`);
  }
  print(io, values.json === true ? JSON.stringify(evaluation) : renderEvaluation(evaluation));
  return EXIT_OK;
}
