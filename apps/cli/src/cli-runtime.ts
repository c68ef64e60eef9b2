import type { LoadedConfig } from '@llmrouter/core';
import { loadCliConfig } from './cli-config';
import type { CliIo } from './cli-io';
import { type OptionValues, stringOption } from './command-spec';
import { routerFromFlags } from './router-override';
import { createRuntime, type Runtime } from './server-parts';

export interface CliRuntime {
  loaded: LoadedConfig;
  runtime: Runtime;
}

/** Config (--config), router (--router, --artifact) and the runtime the gateway would use. */
export async function buildCliRuntime(values: OptionValues, io: CliIo): Promise<CliRuntime> {
  const loaded = await loadCliConfig(stringOption(values, 'config'), io);
  const router = routerFromFlags(
    loaded.config.router,
    stringOption(values, 'router'),
    stringOption(values, 'artifact'),
    io.cwd,
  );
  const runtime = await createRuntime({ loaded, router });
  return { loaded, runtime };
}
