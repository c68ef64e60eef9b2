// 5-fold cross-validation on the TRAIN split only: how the learner, k, the ridge strength and the λ
// presets were chosen without ever looking at test.json.
//
//   node bench/routing-eval/cross-validate.mjs [--data ../shared/data/routing]
//     [--learner knn,family-knn,linear] [--k 100,200,300] [--alpha 5,10,20] [--shrinkage 0.3,1,3]
//     [--power 2] [--fine] [--quiet]
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  evaluateRouting,
  loadRoutingData,
  parseModelPrices,
  trainKnnRouter,
} from '../../packages/router-strategies/dist/index.js';
import { argument, repositoryRoot as root } from '../command-line.mjs';

const dataDirectory = resolve(root, argument('--data', '../shared/data/routing'));
const ks = argument('--k', '100,200,300').split(',').map(Number);
const alphas = argument('--alpha', '10').split(',').map(Number);
const shrinkages = argument('--shrinkage', '1').split(',').map(Number);
const powers = argument('--power', '2').split(',').map(Number);
const learners = argument('--learner', 'knn,family-knn,linear').split(',');
const settings = learners.flatMap((learner) => {
  if (learner === 'linear')
    return alphas.map((ridgeAlpha) => ({ learner, ridgeAlpha, name: `linear α=${ridgeAlpha}` }));
  const neighbours = ks.flatMap((k) => powers.map((similarityPower) => ({ k, similarityPower })));
  if (learner === 'family-knn')
    return neighbours.flatMap((setting) =>
      shrinkages.map((familyShrinkage) => ({
        learner,
        ...setting,
        familyShrinkage,
        name: `family-knn k=${setting.k} p=${setting.similarityPower} shrinkage=${familyShrinkage}`,
      })),
    );
  return neighbours.map((setting) => ({
    learner,
    ...setting,
    name: `knn k=${setting.k} p=${setting.similarityPower}`,
  }));
});
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
// --fine sweeps λ as evaluateRouting does by default (121 values, as for test.json) instead of the
// 11 presets-oriented values, and prints the summary line only.
const fine = process.argv.includes('--fine');
const quiet = fine || process.argv.includes('--quiet');

for (const { name, ...setting } of settings) {
  const results = [];
  for (let fold = 0; fold < folds; fold++) {
    const held = new Set(order.filter((_, position) => position % folds === fold));
    const fit = train.filter((_, index) => !held.has(index));
    const validation = train.filter((_, index) => held.has(index));
    const { artifact } = await trainKnnRouter({ data: fit, prices, ...setting });
    results.push(await evaluateRouting({ data: validation, artifact, prices, ...(fine ? {} : { lambdas }) }));
  }
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const costs = results.map((r) => r.atBestSingleQuality?.cost ?? Number.NaN);
  console.log(
    `${name}: AIQ ${mean(results.map((r) => r.aiq)).toFixed(4)}, best quality − best single ${mean(results.map((r) => r.bestQuality.quality - r.baselines.bestSingle.quality)).toFixed(4)}, cost at best-single quality mean ${mean(costs).toFixed(3)} (${costs.map((cost) => (Number.isNaN(cost) ? 'never' : cost.toFixed(3))).join(' ')}), hull ${mean(results.map((r) => r.hullCostAtBestSingleQuality ?? Number.NaN)).toFixed(3)}`,
  );
  if (!quiet)
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
