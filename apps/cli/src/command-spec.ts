import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io';
import { usageError } from './report-error';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in the help as `--name <value>`. */
  value?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandRun {
  run(values: OptionValues, positionals: string[], io: CliIo): Promise<number>;
}

/** What `--help` needs: kept apart from the command's code so help never loads a provider. */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string[];
  options: Record<string, OptionSpec>;
  /** Lines after the options: examples and notes. */
  notes?: string[];
  positionals?: boolean;
  load(): Promise<CommandRun>;
}

export const CONFIG_OPTION: OptionSpec = {
  type: 'string',
  short: 'c',
  value: 'file',
  description: 'config file (default: $LLMROUTER_CONFIG, then ./llmrouter.yaml)',
};
export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'machine-readable JSON on stdout' };
const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

export function renderCommandHelp(spec: CommandSpec): string {
  const options = { ...spec.options, help: HELP_OPTION };
  const rows = Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` <${option.value}>` : ''}`;
    return [flag, option.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    `llmrouter ${spec.name}: ${spec.summary}`,
    '',
    'Usage:',
    ...spec.usage.map((line) => `  ${line}`),
    '',
    'Options:',
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}${description}`),
    ...(spec.notes ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

/** Parses a command's arguments strictly; a mistyped flag is a usage error that names it. */
export function parseCommandArgs(
  spec: CommandSpec,
  args: string[],
): { values: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, option]) => [
      name,
      {
        type: option.type,
        ...(option.short ? { short: option.short } : {}),
        ...(option.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: spec.positionals === true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    throw usageError((error as Error).message.split('\n')[0] ?? 'invalid arguments', spec.name);
  }
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A whole number option within bounds, or a usage error naming the flag. */
export function integerOption(
  values: OptionValues,
  name: string,
  command: string,
  bounds: { min: number; max: number },
): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw usageError(
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max}, not "${text}".`,
      command,
    );
  }
  return value;
}

export function numberOption(
  values: OptionValues,
  name: string,
  command: string,
  bounds: { min: number; max: number },
): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw usageError(
      `--${name} must be a number from ${bounds.min} to ${bounds.max}, not "${text}".`,
      command,
    );
  }
  return value;
}
