import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LLMRouterError } from '@llmrouter/errors';
import { resolveConfigPath } from '../cli-config';
import { type CliIo, note } from '../cli-io';
import { buildCliRuntime } from '../cli-runtime';
import { flag, integerOption, type OptionValues, stringOption } from '../command-spec';
import { usageError } from '../report-error';
import {
  createConsoleLogger,
  type RunningGateway,
  startDemoGateway,
  startGateway,
  tuneHeapForGateway,
} from '../server-gateway';

function demoConfigPath(values: OptionValues, io: CliIo): string {
  const explicit = stringOption(values, 'config');
  if (explicit !== undefined) return resolveConfigPath(explicit, io);
  // The repository's demo config: from the working directory, else next to this installed CLI.
  const candidates = [
    resolve(io.cwd, 'configs/demo.yaml'),
    new URL('../../../configs/demo.yaml', import.meta.url).pathname,
  ];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new LLMRouterError({
    code: 'config_not_found',
    message: 'serve --demo could not find configs/demo.yaml.',
    hint: 'Run it from the repository root, or pass the demo config with --config <file>.',
  });
}

/**
 * Resolves when the gateway has stopped after Ctrl-C or SIGTERM, so the process exits 0; a second
 * signal exits at once with 1. (The server's closeOnSignals exits 1 on the first SIGTERM, because
 * both of its SIGTERM listeners run; reported to its owner.)
 */
function untilClosed(running: RunningGateway): Promise<number> {
  return new Promise((resolveExit) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1);
      stopping = true;
      void running.close().then(() => resolveExit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  tuneHeapForGateway();
  const logger = createConsoleLogger();
  const port = integerOption(values, 'port', 'serve', { min: 0, max: 65_535 });
  const host = stringOption(values, 'host');
  const prefix = flag(values, 'no-prefix') ? false : flag(values, 'prefix') ? true : undefined;
  const common = {
    logger,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(prefix === undefined ? {} : { showModelPrefix: prefix }),
  };

  if (flag(values, 'demo')) {
    if (stringOption(values, 'router') !== undefined || stringOption(values, 'artifact') !== undefined) {
      throw usageError(
        '--router and --artifact do not apply to --demo, which serves the demo config as it is.',
        'serve',
      );
    }
    const configPath = demoConfigPath(values, io);
    const demo = await startDemoGateway({ configPath, ...common });
    const { url } = demo.gateway;
    note(io, `LLMRouter gateway (demo) serving ${configPath} on ${url}`);
    note(
      io,
      `  Bedrock models are answered by the built-in Bedrock emulator at ${demo.emulator.url}: no AWS account is used.`,
    );
    note(
      io,
      `  Try: curl ${url}/v1/chat/completions -H 'content-type: application/json' -d '{"model":"auto","messages":[{"role":"user","content":"hi"}]}'`,
    );
    note(io, '  For real AWS Bedrock drop --demo and set AWS credentials (llmrouter doctor checks them).');
    return untilClosed({ ...demo.gateway, close: () => demo.close() });
  }

  const { loaded, runtime } = await buildCliRuntime(values, io);
  const running = await startGateway({ runtime, ...common });
  const models = [...runtime.models.keys()].join(', ');
  note(
    io,
    `LLMRouter gateway serving ${loaded.source} on ${running.url} (strategy: ${runtime.routerConfig.strategy})`,
  );
  note(io, `  models: ${models}`);
  note(io, `  Try: curl ${running.url}/v1/models`);
  return untilClosed(running);
}
