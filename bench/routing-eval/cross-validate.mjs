// 5-fold cross-validation on the TRAIN split only: how the learner, k, the ridge strength and the λ
// presets were chosen without ever looking at test.json.
//
//   node bench/routing-eval/cross-validate.mjs [--data ../shared/data/routing] [--learner knn,linear]
//     [--k 100,200,300] [--alpha 5,10,20]
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluateRouting,
  loadRoutingData,
  parseModelPrices,
  trainKnnRouter,
} from '../../packages/router-strategies/dist/index.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const dataDirectory = resolve(root, argument('--data', '../shared/data/routing'));
const ks = argument('--k', '100,200,300').split(',').map(Number);
const alphas = argument('--alpha', '10').split(',').map(Number);
const learners = argument('--learner', 'knn,linear').split(',');
const settings = learners.flatMap((learner) =>
  learner === 'linear'
    ? alphas.map((ridgeAlpha) => ({ learner, ridgeAlpha, name: `linear α=${ridgeAlpha}` }))
    : ks.map((k) => ({ learner, k, name: `knn k=${k}` })),
);
const folds = 5;

const train = await loadRoutingData(join(dataDirectory, 'train.json'));
const prices = parseModelPrices(JSON.parse(await readFile(join(dataDirectory, 'models.json'), 'utf8')));
// A fixed shuffle (mulberry32) so every run uses the same folds.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const order = train.map((_, index) => index).sort(() => random() - 0.5);
const lambdas = [0, 0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.5, 1];

for (const { name, ...setting } of settings) {
  const results = [];
  for (let fold = 0; fold < folds; fold++) {
    const held = new Set(order.filter((_, position) => position % folds === fold));
    const fit = train.filter((_, index) => !held.has(index));
    const validation = train.filter((_, index) => held.has(index));
    const { artifact } = await trainKnnRouter({ data: fit, prices, ...setting });
    results.push(await evaluateRouting({ data: validation, artifact, prices, lambdas }));
  }
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  console.log(
    `${name}: AIQ ${mean(results.map((r) => r.aiq)).toFixed(4)}, best quality − best single ${mean(results.map((r) => r.bestQuality.quality - r.baselines.bestSingle.quality)).toFixed(4)}, cost at best-single quality ${results.map((r) => (r.atBestSingleQuality ? r.atBestSingleQuality.cost.toFixed(3) : 'never')).join(' ')}`,
  );
  console.table(
    Object.fromEntries(
      lambdas.map((lambda, index) => [
        `λ=${lambda}`,
        {
          'quality − best single': mean(
            results.map((r) => r.curve[index].quality - r.baselines.bestSingle.quality),
          ).toFixed(4),
          cost: mean(results.map((r) => r.curve[index].cost)).toFixed(3),
        },
      ]),
    ),
  );
}
