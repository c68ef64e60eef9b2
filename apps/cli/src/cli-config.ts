import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LoadedConfig, loadConfigFile } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type CliIo, note } from './cli-io';

const DEFAULT_NAMES = ['llmrouter.yaml', 'llmrouter.yml'];

/** --config, then $LLMROUTER_CONFIG, then ./llmrouter.yaml; an error with the three ways when none is set. */
export function resolveConfigPath(flag: string | undefined, io: CliIo): string {
  if (flag !== undefined) return resolve(io.cwd, flag);
  const fromEnv = io.env.LLMROUTER_CONFIG;
  if (fromEnv) return resolve(io.cwd, fromEnv);
  for (const name of DEFAULT_NAMES) {
    const path = resolve(io.cwd, name);
    if (existsSync(path)) return path;
  }
  throw new LLMRouterError({
    code: 'config_not_found',
    message: 'No config file: no --config, LLMROUTER_CONFIG is not set and there is no ./llmrouter.yaml.',
    hint: 'Pass --config <file> (see configs/ for examples, e.g. configs/demo.yaml), set LLMROUTER_CONFIG, or create ./llmrouter.yaml.',
  });
}

/** Loads and validates the config, printing its warnings on stderr. */
export async function loadCliConfig(flag: string | undefined, io: CliIo): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(resolveConfigPath(flag, io));
  for (const warning of loaded.warnings) note(io, `${io.err.yellow('warning')}: ${warning}`);
  return loaded;
}
