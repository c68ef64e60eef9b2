/** Number formats for costs, tokens and times as the views show them. */
export function formatUsd(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value === 0) return '$0';
  // Three significant digits, written out: a single answer often costs a few millionths of a dollar.
  if (value < 0.01) return `$${value.toFixed(Math.min(12, 2 - Math.floor(Math.log10(value))))}`;
  if (value < 1) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

export function formatMs(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : Math.round(value).toLocaleString('en-US');
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

/** USD per million tokens, as the config writes prices. */
export function formatPrice(price: number | null): string {
  return price === null ? '?' : `$${price}`;
}
