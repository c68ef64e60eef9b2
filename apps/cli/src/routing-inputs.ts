import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EmbedderConfig, EmbeddingModelV1, LoadedConfig } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type ModelPrice, parseModelPrices } from '@llmrouter/router-strategies';
import { usageError } from './report-error';

/** Prices from a models.json-style file: `{name: {input_price, output_price}}`. */
export async function readPrices(path: string, cwd: string): Promise<Record<string, ModelPrice>> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `Cannot read prices ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      hint: 'Check the path given to --prices (a JSON object {model: {input_price, output_price}}).',
    });
  }
  try {
    return parseModelPrices(JSON.parse(text));
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `${path} is not valid JSON (${(error as Error).message}).`,
      hint: 'The prices file is a JSON object {model: {input_price, output_price}}.',
    });
  }
}

/** The configured models' prices, by model name. */
export function configPrices(loaded: LoadedConfig): Record<string, ModelPrice> {
  const prices: Record<string, ModelPrice> = {};
  for (const [name, entry] of Object.entries(loaded.config.models)) {
    prices[name] = {
      ...(entry.input_price === undefined ? {} : { inputPrice: entry.input_price }),
      ...(entry.output_price === undefined ? {} : { outputPrice: entry.output_price }),
    };
  }
  return prices;
}

/** `hashed-tfidf`, `use-lite` or `model:<name>` (an embedding model of the config). */
export function parseEmbedder(text: string | undefined, command: string): EmbedderConfig | undefined {
  if (text === undefined) return undefined;
  if (text === 'hashed-tfidf' || text === 'tfidf') return { type: 'hashed-tfidf' };
  if (text === 'use-lite') return { type: 'use-lite' };
  if (text.startsWith('model:') && text.length > 'model:'.length)
    return { type: 'model', model: text.slice('model:'.length) };
  throw usageError(
    `--embedder must be hashed-tfidf, use-lite or model:<embedding model>, not "${text}".`,
    command,
  );
}

export type EmbeddingModelLookup = ((name: string) => EmbeddingModelV1) | undefined;
