import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { LLMRouterError } from '@llmrouter/errors';

export interface QueryItem {
  query: string;
  /** The input record's `id`, carried to the output so results can be joined back. */
  id?: string | number;
}

function inputError(source: string, problem: string): LLMRouterError {
  return new LLMRouterError({
    code: 'request_invalid',
    message: `${source}: ${problem}`,
    hint: 'Give a .json list of strings or {query} objects, a .jsonl file with one per line, or text with one query per line.',
  });
}

function toItem(value: unknown, where: string, source: string): QueryItem {
  if (typeof value === 'string') return { query: value };
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const query = record.query ?? record.question ?? record.prompt;
    if (typeof query === 'string') {
      const id = record.id;
      return typeof id === 'string' || typeof id === 'number' ? { query, id } : { query };
    }
  }
  throw inputError(source, `${where} is neither a string nor an object with a "query" string`);
}

/** Parses queries from file text; the format follows the extension (.json, .jsonl, else one per line). */
export function parseQueries(text: string, source: string): QueryItem[] {
  const extension = extname(source).toLowerCase();
  let items: QueryItem[];
  if (extension === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw inputError(source, `not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw inputError(source, 'the JSON is not a list');
    items = parsed.map((value, index) => toItem(value, `item ${index}`, source));
  } else if (extension === '.jsonl' || extension === '.ndjson') {
    items = [];
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw inputError(source, `line ${index + 1} is not valid JSON`);
      }
      items.push(toItem(value, `line ${index + 1}`, source));
    });
  } else {
    items = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((query) => ({ query }));
  }
  const empty = items.findIndex((item) => item.query.trim() === '');
  if (empty >= 0) throw inputError(source, `query ${empty + 1} is empty`);
  if (items.length === 0) throw inputError(source, 'there are no queries');
  return items;
}

export async function readQueries(path: string): Promise<QueryItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      hint: 'Check the path given to --input.',
      cause: error,
    });
  }
  return parseQueries(text, path);
}
