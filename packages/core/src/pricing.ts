import type { CostV1, UsageV1 } from './spec';

export interface ModelPrices {
  /** USD per million input tokens. */
  inputPrice?: number | undefined;
  /** USD per million output tokens. */
  outputPrice?: number | undefined;
  /** USD per million cache-read tokens; defaults to the input price. */
  cacheReadPrice?: number | undefined;
  /** USD per million cache-write tokens; defaults to the input price. */
  cacheWritePrice?: number | undefined;
}

/**
 * The cost of a call. Cached prompt tokens are billed at their own prices when given. Returns
 * undefined when the model has no prices, so an unknown cost is never reported as zero.
 */
export function computeCost(usage: UsageV1, prices: ModelPrices): CostV1 | undefined {
  if (prices.inputPrice === undefined || prices.outputPrice === undefined) return undefined;
  const perToken = 1 / 1_000_000;
  const input =
    (usage.inputTokens * prices.inputPrice +
      usage.cacheReadTokens * (prices.cacheReadPrice ?? prices.inputPrice) +
      usage.cacheWriteTokens * (prices.cacheWritePrice ?? prices.inputPrice)) *
    perToken;
  const output = usage.outputTokens * prices.outputPrice * perToken;
  return { currency: 'USD', input, output, total: input + output };
}
