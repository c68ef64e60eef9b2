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

/** `a="1",b="2"`: a series' labels as the text format writes them, built once per series. */
function labelText(labels: Labels): string {
  let text = '';
  for (const name in labels) text += `${text ? ',' : ''}${name}="${escapeLabel(String(labels[name]))}"`;
  return text;
}

/**
 * The key a series is found by: its label values in the order the caller passes them (each series is
 * always called with one fixed order). This runs several times per request, on the hot path, so it
 * joins plain values and leaves escaping to `labelText`, which runs once per new series.
 */
function valuesKey(labels: Labels): string {
  let key = '';
  for (const name in labels) key += `${labels[name]}\u0000`;
  return key;
}

/** One labelled series' state, with its label text ready for rendering. */
interface Cell<T> {
  labels: string;
  state: T;
}

/** Finds or makes the cell for `labels`. */
function cellFor<T>(cells: Map<string, Cell<T>>, labels: Labels, initial: () => T): Cell<T> {
  const key = valuesKey(labels);
  let cell = cells.get(key);
  if (!cell) {
    cell = { labels: labelText(labels), state: initial() };
    cells.set(key, cell);
  }
  return cell;
}

interface Series {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

export class Counter implements Series {
  readonly type: 'counter' | 'gauge' = 'counter';
  protected readonly cells = new Map<string, Cell<{ value: number }>>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels, amount = 1): void {
    cellFor(this.cells, labels, () => ({ value: 0 })).state.value += amount;
  }
  value(labels: Labels): number {
    return this.cells.get(valuesKey(labels))?.state.value ?? 0;
  }
  render(): string[] {
    return [...this.cells.values()].map(
      ({ labels, state }) => `${this.name}${labels ? `{${labels}}` : ''} ${state.value}`,
    );
  }
}

export class Gauge extends Counter {
  override readonly type = 'gauge' as const;
  set(labels: Labels, value: number): void {
    cellFor(this.cells, labels, () => ({ value: 0 })).state.value = value;
  }
}

interface HistogramState {
  /** Observations per bucket, not cumulative (the text format's cumulative counts are summed on render). */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Series {
  readonly type = 'histogram' as const;
  private readonly cells = new Map<string, Cell<HistogramState>>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const { state } = cellFor(this.cells, labels, () => ({
      counts: this.buckets.map(() => 0),
      sum: 0,
      count: 0,
    }));
    for (let index = 0; index < this.buckets.length; index++) {
      if (value <= (this.buckets[index] ?? Number.POSITIVE_INFINITY)) {
        state.counts[index] = (state.counts[index] ?? 0) + 1;
        break;
      }
    }
    state.sum += value;
    state.count += 1;
  }
  render(): string[] {
    const lines: string[] = [];
    for (const { labels, state } of this.cells.values()) {
      const prefix = labels ? `${labels},` : '';
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += state.counts[index] ?? 0;
        lines.push(`${this.name}_bucket{${prefix}le="${bound}"} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${state.count}`);
      lines.push(`${this.name}_sum${labels ? `{${labels}}` : ''} ${state.sum}`);
      lines.push(`${this.name}_count${labels ? `{${labels}}` : ''} ${state.count}`);
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
