import { readFile } from 'node:fs/promises';
import { LLMRouterError } from '@llmrouter/errors';
import { parseDocument } from 'yaml';
import { checkReferences, missingPriceIssues } from './check-references';
import { type ConfigFormat, convertToNative } from './config-formats';
import { type ConfigIssue, configInvalid } from './config-issues';
import { configSchema, type LLMRouterConfig } from './config-schema';
import { type Environment, resolveEnvReferences } from './env-references';
import { formatSchemaIssues } from './format-schema-issues';

export interface LoadConfigOptions {
  /** Named in every error message; a file path or a label. */
  source?: string;
  /** Where `${VAR}` references are read from. Default: process.env. */
  environment?: Environment;
  /** Skip detection. */
  format?: ConfigFormat;
}

export interface LoadedConfig {
  config: LLMRouterConfig;
  format: ConfigFormat;
  source: string;
  /** Things worth telling the user that do not stop loading (ignored sections, unset variables). */
  warnings: string[];
}

/** Validates a parsed document of any supported format into the native config. */
export function loadConfig(document: unknown, options: LoadConfigOptions = {}): LoadedConfig {
  const source = options.source ?? 'config';
  const { value, unset } = resolveEnvReferences(document, options.environment ?? process.env);
  const converted = convertToNative(value, options.format, source);
  const warnings = [
    ...converted.warnings,
    ...unset.map(
      ({ path, variable }) =>
        `${path}: environment variable ${variable} is not set, so the value was left out.`,
    ),
  ];
  const parsed = configSchema.safeParse(converted.document);
  if (!parsed.success) {
    throw configInvalid(
      source,
      formatSchemaIssues(parsed.error.issues, converted.document, converted.pathInSource),
    );
  }
  const issues: ConfigIssue[] = checkReferences(parsed.data, converted.pathInSource);
  if (converted.requiredPrices) {
    issues.push(
      ...missingPriceIssues(
        parsed.data,
        Object.keys(parsed.data.models),
        converted.pathInSource,
        (field) => ({
          problem: `missing ${field.replace('_', ' ')}`,
          fix: `add "${field}": <USD per million tokens>`,
        }),
      ),
    );
  }
  if (issues.length) throw configInvalid(source, issues);
  return { config: parsed.data, format: converted.format, source, warnings };
}

/** Parses YAML or JSON text (JSON is YAML) and loads it. */
export function parseConfigText(text: string, options: LoadConfigOptions = {}): LoadedConfig {
  const source = options.source ?? 'config';
  const parsed = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = parsed.errors;
  if (first) {
    const position = first.linePos?.[0];
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `${source}${position ? `:${position.line}:${position.col}` : ''}: ${first.message.split('\n')[0]}`,
      hint: 'Fix the YAML/JSON syntax at that line (indentation, quotes, a missing colon).',
      details: { source },
    });
  }
  return loadConfig(parsed.toJS(), { ...options, source });
}

/** Reads and loads a config file of any supported format. */
export async function loadConfigFile(
  path: string,
  options: Omit<LoadConfigOptions, 'source'> = {},
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LLMRouterError({
      code: 'config_not_found',
      message: `Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      hint: 'Pass an existing file with --config, set LLMROUTER_CONFIG, or create ./llmrouter.yaml (see configs/ for examples).',
      cause: error,
      details: { path },
    });
  }
  return parseConfigText(text, { ...options, source: path });
}
