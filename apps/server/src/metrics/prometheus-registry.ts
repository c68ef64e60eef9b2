/**
 * A small Prometheus text-format registry: counters, gauges and histograms with labels. The gateway
 * needs a dozen series, so this beats a dependency and keeps the hot path to a few Map lookups.
 */
/** A series' label values, in the order of the label names it was made with. */
type LabelValues = readonly string[];

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabel(value: string): string {
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

/** `a="1",b="2"`: a series' labels as the text format writes them, built once per series. */
function labelText(names: readonly string[], values: LabelValues): string {
  let text = '';
  for (let index = 0; index < names.length; index++)
    text += `${index ? ',' : ''}${names[index]}="${escapeLabel(String(values[index]))}"`;
  return text;
}

/** One labelled series' state, with its label text ready for rendering. */
interface Cell<T> {
  labels: string;
  state: T;
}

/**
 * The cells of one metric, found through one map per label value. This runs several times per request,
 * on the hot path: walking maps with the caller's own strings builds nothing, where joining the values
 * into one key made a string to hash per call.
 */
class Cells<T> {
  private readonly root = new Map<string, unknown>();
  private unlabelled: Cell<T> | undefined;
  /** In the order they were made, which is the order they render in. */
  readonly all: Cell<T>[] = [];

  constructor(
    private readonly metric: string,
    private readonly names: readonly string[],
    private readonly initial: () => T,
  ) {}

  find(values: LabelValues): Cell<T> {
    const { names } = this;
    if (values.length !== names.length)
      throw new Error(`${this.metric} takes ${names.length} label values (${names.join(', ')}).`);
    if (names.length === 0) {
      this.unlabelled ??= this.make(values);
      return this.unlabelled;
    }
    let level = this.root;
    const last = values.length - 1;
    for (let index = 0; index < last; index++) {
      const value = values[index] as string;
      let next = level.get(value) as Map<string, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const value = values[last] as string;
    let cell = level.get(value) as Cell<T> | undefined;
    if (!cell) {
      cell = this.make(values);
      level.set(value, cell);
    }
    return cell;
  }

  /** The cell if it exists, without making one. */
  peek(values: LabelValues): Cell<T> | undefined {
    if (values.length !== this.names.length) return undefined;
    if (values.length === 0) return this.unlabelled;
    let level: unknown = this.root;
    for (const value of values) level = (level as Map<string, unknown> | undefined)?.get(value);
    return level as Cell<T> | undefined;
  }

  private make(values: LabelValues): Cell<T> {
    const cell = { labels: labelText(this.names, values), state: this.initial() };
    this.all.push(cell);
    return cell;
  }
}

interface Series {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render(): string[];
}

export class Counter implements Series {
  readonly type: 'counter' | 'gauge' = 'counter';
  protected readonly cells: Cells<{ value: number }>;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {
    this.cells = new Cells(name, labelNames, () => ({ value: 0 }));
  }
  inc(values: LabelValues, amount = 1): void {
    this.cells.find(values).state.value += amount;
  }
  value(values: LabelValues): number {
    return this.cells.peek(values)?.state.value ?? 0;
  }
  render(): string[] {
    return this.cells.all.map(
      ({ labels, state }) => `${this.name}${labels ? `{${labels}}` : ''} ${state.value}`,
    );
  }
}

export class Gauge extends Counter {
  override readonly type = 'gauge' as const;
  set(values: LabelValues, value: number): void {
    this.cells.find(values).state.value = value;
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Series {
  readonly type = 'histogram' as const;
  private readonly cells: Cells<HistogramState>;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
    readonly labelNames: readonly string[] = [],
  ) {
    this.cells = new Cells(name, labelNames, () => ({
      counts: this.buckets.map(() => 0),
      sum: 0,
      count: 0,
    }));
  }
  observe(values: LabelValues, value: number): void {
    const { state } = this.cells.find(values);
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
    for (const { labels, state } of this.cells.all) {
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
