import { LLMRouterError } from '@llmrouter/errors';

/** One training or evaluation question with the score (0..1) each model earned on it. */
export interface RoutingExample {
  question: string;
  scores: Record<string, number>;
}

export interface ModelPrice {
  /** USD per million input tokens. */
  inputPrice?: number;
  /** USD per million output tokens. */
  outputPrice?: number;
}

function dataError(source: string, problem: string): LLMRouterError {
  return new LLMRouterError({
    code: 'request_invalid',
    message: `${source}: ${problem}`,
    hint: 'Routing data is a JSON array of {question, scores: {model: score}} or JSONL lines of {query, model_name, performance}.',
    details: { source },
  });
}

function readScores(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const scores: Record<string, number> = {};
  for (const [model, score] of Object.entries(value)) {
    if (typeof score === 'number' && Number.isFinite(score)) scores[model] = score;
  }
  return scores;
}

/** Parses routing data: a JSON array `[{question, scores}]`, or LLMRouter JSONL grouped by query. */
export function parseRoutingData(text: string, source = 'routing data'): RoutingExample[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let rows: unknown;
    try {
      rows = JSON.parse(trimmed);
    } catch (error) {
      throw dataError(source, `not valid JSON (${(error as Error).message})`);
    }
    return (rows as unknown[]).map((row, index) => {
      const record = row as { question?: unknown; query?: unknown; scores?: unknown };
      const question = record.question ?? record.query;
      const scores = readScores(record.scores);
      if (typeof question !== 'string' || !scores)
        throw dataError(source, `row ${index} has no question or scores`);
      return { question, scores };
    });
  }
  // LLMRouter's JSONL: one line per (query, model) pair. Grouped by query, first appearance order kept.
  const byQuery = new Map<string, Record<string, number>>();
  trimmed.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: { query?: unknown; model_name?: unknown; performance?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      throw dataError(source, `line ${index + 1} is not valid JSON`);
    }
    const { query, model_name: model, performance } = record;
    if (typeof query !== 'string' || typeof model !== 'string' || typeof performance !== 'number') {
      throw dataError(source, `line ${index + 1} lacks query, model_name or a numeric performance`);
    }
    const scores = byQuery.get(query) ?? {};
    scores[model] = performance;
    byQuery.set(query, scores);
  });
  return [...byQuery].map(([question, scores]) => ({ question, scores }));
}

/** Reads routing data from a file (JSON or JSONL, see `parseRoutingData`). */
export async function loadRoutingData(path: string): Promise<RoutingExample[]> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LLMRouterError({
      code: 'config_not_found',
      message: `Cannot read routing data ${path}: ${(error as Error).message}`,
      hint: 'Check the path to the routing data file.',
      cause: error,
    });
  }
  return parseRoutingData(text, path);
}

/**
 * Model prices from the LLMRouter candidate form (`{name: {input_price, output_price}}`, as in
 * models.json) or this package's form (`{name: {inputPrice, outputPrice}}`).
 */
export function parseModelPrices(value: unknown): Record<string, ModelPrice> {
  const prices: Record<string, ModelPrice> = {};
  if (typeof value !== 'object' || value === null) return prices;
  for (const [name, entry] of Object.entries(value as Record<string, Record<string, unknown>>)) {
    const input = entry['input_price'] ?? entry['inputPrice'];
    const output = entry['output_price'] ?? entry['outputPrice'];
    const price: ModelPrice = {};
    if (typeof input === 'number') price.inputPrice = input;
    if (typeof output === 'number') price.outputPrice = output;
    prices[name] = price;
  }
  return prices;
}
