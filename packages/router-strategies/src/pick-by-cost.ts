/**
 * The index maximising quality − λ × price. On a tie the cheaper option wins (same expected quality
 * for less money), then the earlier one. Shared by the learned router and `evaluateRouting`, so the
 * evaluation replays exactly the decision rule the router applies.
 */
export function pickByCost(
  quality: ArrayLike<number>,
  prices: ArrayLike<number>,
  costWeight: number,
): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  let bestPrice = Number.POSITIVE_INFINITY;
  for (let index = 0; index < quality.length; index++) {
    const price = prices[index]!;
    const value = quality[index]! - costWeight * price;
    if (value > bestValue || (value === bestValue && price < bestPrice)) {
      best = index;
      bestValue = value;
      bestPrice = price;
    }
  }
  return best;
}
