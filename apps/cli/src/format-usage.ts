import type { CostV1, UsageV1 } from '@llmrouter/core';

/** Dollars with enough digits to see a one-token call ($0.000003), never rounded to zero. */
export function formatDollars(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  const digits = Math.min(8, Math.max(4, 2 - Math.floor(Math.log10(amount)) + 1));
  return `$${amount.toFixed(digits)}`;
}

export function formatCost(cost: CostV1 | undefined): string {
  return cost === undefined ? 'cost unknown (no prices configured)' : formatDollars(cost.total);
}

export function formatTokens(usage: UsageV1): string {
  return `${usage.inputTokens} in / ${usage.outputTokens} out tokens`;
}
