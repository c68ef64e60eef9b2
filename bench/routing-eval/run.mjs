// Trains the learned router on the routing data's train split (default learner and settings, or
// --learner knn|family-knn|linear), replays the test split through it without calling any model, and
// writes the evaluation as JSON and as an SVG chart.
//
//   pnpm --filter @llmrouter/router-strategies build
//   node bench/routing-eval/run.mjs [--data ../shared/data/routing] [--out docs/routing-eval] [--learner name]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  evaluateRouting,
  KNN_DEFAULTS,
  loadRoutingData,
  parseModelPrices,
  renderEvaluationSvg,
  trainKnnRouter,
} from '../../packages/router-strategies/dist/index.js';
import { argument, repositoryRoot as root } from '../command-line.mjs';

const dataDirectory = resolve(root, argument('--data', '../shared/data/routing'));
const outputDirectory = resolve(root, argument('--out', 'docs/routing-eval'));
const learner = argument('--learner', KNN_DEFAULTS.learner);
const titles = { knn: 'kNN', 'family-knn': 'family kNN', linear: 'linear' };

const [train, test, prices] = await Promise.all([
  loadRoutingData(join(dataDirectory, 'train.json')),
  loadRoutingData(join(dataDirectory, 'test.json')),
  readFile(join(dataDirectory, 'models.json'), 'utf8').then((text) => parseModelPrices(JSON.parse(text))),
]);
const started = performance.now();
const { bytes } = await trainKnnRouter({ data: train, prices, learner });
const trainMs = performance.now() - started;
const evaluation = await evaluateRouting({ data: test, artifact: bytes, prices });

await mkdir(outputDirectory, { recursive: true });
await writeFile(join(outputDirectory, 'evaluation.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
await writeFile(
  join(outputDirectory, 'evaluation.svg'),
  renderEvaluationSvg(evaluation, `${titles[learner] ?? learner} router (hashed TF-IDF), test split`),
);

const percent = (value) => `${(value * 100).toFixed(1)}%`;
const at = evaluation.atBestSingleQuality;
console.log(
  `${learner} learner trained on ${train.length} rows in ${trainMs.toFixed(0)} ms (artifact ${(bytes.length / 1e6).toFixed(1)} MB); evaluated on ${test.length} rows`,
);
console.table({
  'best single model': { quality: evaluation.baselines.bestSingle.quality.toFixed(3), cost: '100%' },
  'always cheapest': {
    quality: evaluation.baselines.cheapest.quality.toFixed(3),
    cost: percent(evaluation.baselines.cheapest.cost),
  },
  random: {
    quality: evaluation.baselines.random.quality.toFixed(3),
    cost: percent(evaluation.baselines.random.cost),
  },
  oracle: {
    quality: evaluation.baselines.oracle.quality.toFixed(3),
    cost: percent(evaluation.baselines.oracle.cost),
  },
  'router at best-single quality': at
    ? { quality: at.quality.toFixed(3), cost: percent(at.cost), lambda: at.lambda.toPrecision(3) }
    : { quality: 'never' },
  'router best quality': {
    quality: evaluation.bestQuality.quality.toFixed(3),
    cost: percent(evaluation.bestQuality.cost),
    lambda: evaluation.bestQuality.lambda,
  },
  ...Object.fromEntries(
    Object.entries(evaluation.presets).map(([name, point]) => [
      `preset ${name}`,
      { quality: point.quality.toFixed(3), cost: percent(point.cost), lambda: point.lambda },
    ]),
  ),
});
console.log(
  `AIQ ${evaluation.aiq.toFixed(4)}; hull cost at best-single quality ${evaluation.hullCostAtBestSingleQuality === null ? 'never' : percent(evaluation.hullCostAtBestSingleQuality)}; gap to oracle ${evaluation.gapToOracle.toFixed(3)}`,
);
console.log(`wrote ${join(outputDirectory, 'evaluation.json')} and evaluation.svg`);
