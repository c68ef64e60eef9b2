// Shared by the stream benchmarks: ours and a baseline measured in the same run, in alternating pairs.

export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `warmups` untimed pairs (JIT, pools, caches), then `rounds` timed pairs of the two rate
 * measurements, alternating which goes first so neither always runs on a warmer heap. Each pair runs
 * back to back under the same machine load, so the median of the per-round ratios (`overheadPercent`,
 * positive when ours is slower) is steadier than the ratio of the medians.
 */
export async function interleavedRounds({ ours, baseline, rounds, warmups = 3 }) {
  for (let index = 0; index < warmups; index++) {
    await ours.warmup();
    await baseline.warmup();
  }
  const oursRates = [];
  const baselineRates = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      oursRates.push(await ours.measure());
      baselineRates.push(await baseline.measure());
    } else {
      baselineRates.push(await baseline.measure());
      oursRates.push(await ours.measure());
    }
  }
  const overheadPercent = median(oursRates.map((rate, round) => (1 - rate / baselineRates[round]) * 100));
  return { oursRates, baselineRates, overheadPercent };
}
