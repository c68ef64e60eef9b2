/**
 * A small Prometheus text-format registry: counters, gauges and histograms with labels. The gateway
 * needs a dozen series, so this beats a dependency and keeps the hot path to a Map lookup.
 */
type Labels = Readonly<Record<string, string>>;

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabel(value: string): string {
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

/**
 * `a="1",b="2"`. Callers pass a series' labels in one fixed order, so the key needs no sorting; this
 * runs several times per request, on the hot path.
 */
function labelKey(labels: Labels): string {
  let key = '';
  for (const name in labels) key += `${key ? ',' : ''}${name}="${escapeLabel(String(labels[name]))}"`;
  return key;
}

interface Series {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

export class Counter implements Series {
  readonly type: 'counter' | 'gauge' = 'counter';
  protected readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels, amount = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
  }
  value(labels: Labels): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string[] {
    return [...this.values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`);
  }
}

export class Gauge extends Counter {
  override readonly type = 'gauge' as const;
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), value);
  }
}

export class Histogram implements Series {
  readonly type = 'histogram' as const;
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const key = labelKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    for (let index = 0; index < this.buckets.length; index++) {
      if (value <= (this.buckets[index] ?? Number.POSITIVE_INFINITY))
        entry.counts[index] = (entry.counts[index] ?? 0) + 1;
    }
    entry.sum += value;
    entry.count += 1;
  }
  render(): string[] {
    const lines: string[] = [];
    for (const [key, entry] of this.series) {
      const prefix = key ? `${key},` : '';
      this.buckets.forEach((bound, index) => {
        lines.push(`${this.name}_bucket{${prefix}le="${bound}"} ${entry.counts[index] ?? 0}`);
      });
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${entry.count}`);
      lines.push(`${this.name}_sum${key ? `{${key}}` : ''} ${entry.sum}`);
      lines.push(`${this.name}_count${key ? `{${key}}` : ''} ${entry.count}`);
    }
    return lines;
  }
}

export class PrometheusRegistry {
  private readonly all: Series[] = [];
  register<T extends Series>(series: T): T {
    this.all.push(series);
    return series;
  }
  render(): string {
    const lines: string[] = [];
    for (const series of this.all) {
      lines.push(
        `# HELP ${series.name} ${series.help}`,
        `# TYPE ${series.name} ${series.type}`,
        ...series.render(),
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
