#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { createRuntime } from './runtime/create-runtime';
import { createConsoleLogger } from './runtime/gateway-logger';
import { tuneHeapForGateway } from './runtime/tune-heap';
import { startDemoGateway } from './start-demo-gateway';
import { closeOnSignals, startGateway } from './start-gateway';

/**
 * `pnpm start`: the demo gateway (configs/demo.yaml, Bedrock answered by the in-process emulator).
 * `node apps/server/dist/main.js --config <file>`: the real thing, as `llmrouter serve` does it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'no-prefix': { type: 'boolean' },
    },
  });
  tuneHeapForGateway();
  const logger = createConsoleLogger();
  const port =
    values.port === undefined
      ? process.env.PORT
        ? Number(process.env.PORT)
        : undefined
      : Number(values.port);
  const common = {
    logger,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(port === undefined ? {} : { port }),
    ...(values['no-prefix'] ? { showModelPrefix: false } : {}),
  };

  if (values.config) {
    const loaded = await loadConfigFile(values.config);
    for (const warning of loaded.warnings) logger.info(`warning: ${warning}`);
    const runtime = await createRuntime({ loaded });
    const running = await startGateway({ runtime, ...common });
    logger.info(
      `LLMRouter gateway serving ${values.config} on ${running.url} (strategy: ${runtime.routerConfig.strategy})`,
    );
    closeOnSignals(running);
    return;
  }

  const candidates = [
    resolve('configs/demo.yaml'),
    new URL('../../../configs/demo.yaml', import.meta.url).pathname,
  ];
  const configPath = candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
  const demo = await startDemoGateway({ configPath, ...common });
  const { url } = demo.gateway;
  const models = [...demo.gateway.gateway.context.runtime.models.keys()].join(', ');
  logger.info(
    [
      '',
      `LLMRouter gateway (demo) on ${url}`,
      `  Config: ${configPath}: ${models}`,
      `  The Bedrock models are answered by the built-in Bedrock emulator at ${demo.emulator.url}:`,
      '  no AWS account is used and nothing leaves this machine.',
      '',
      '  Try it:',
      `    curl ${url}/v1/chat/completions -H 'content-type: application/json' \\`,
      `      -d '{"model": "auto", "messages": [{"role": "user", "content": "Write a python function that adds two numbers"}]}'`,
      `    curl ${url}/v1/models`,
      `  Or open the playground: ${url}/`,
      '',
      '  To use real AWS Bedrock: set AWS credentials (see docs/aws-credentials.md) and run',
      '    node apps/server/dist/main.js --config configs/bedrock_config.yaml',
      '',
    ].join('\n'),
  );
  closeOnSignals({ ...demo.gateway, close: () => demo.close() });
}

main().catch((error: unknown) => {
  if (LLMRouterError.is(error)) {
    process.stderr.write(`error: ${error.message}\nhint: ${error.hint}\n`);
  } else {
    process.stderr.write(`error: ${String((error as Error)?.stack ?? error)}\n`);
  }
  process.exit(1);
});
