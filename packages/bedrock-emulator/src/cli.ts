#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { BedrockEmulatorOptions } from './bedrock-emulator-types.js';
import { startBedrockEmulator } from './start-bedrock-emulator.js';

const USAGE = `Usage: bedrock-emulator [options]

A loopback AWS Bedrock Runtime emulator (HTTP/1.1 and cleartext HTTP/2 on one port).

Options:
  --port <n>                     port to listen on (default 4010; 0 picks a free one)
  --host <address>               address to bind (default 127.0.0.1)
  --region <region>              region assumed for bearer-token requests (default us-east-1)
  --latency-ms <n>               delay before every response
  --time-to-first-token-ms <n>   streaming: delay before the first token
  --tokens-per-second <n>        streaming: token rate (default: as fast as possible)
  --reply-tokens <n>             words in every generated answer
  --allow-anonymous              accept requests without SigV4 or bearer auth
  -h, --help                     show this help`;

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`bedrock-emulator: --${name} must be a non-negative number, got "${String(raw)}"\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      region: { type: 'string' },
      'latency-ms': { type: 'string' },
      'time-to-first-token-ms': { type: 'string' },
      'tokens-per-second': { type: 'string' },
      'reply-tokens': { type: 'string' },
      'allow-anonymous': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options: BedrockEmulatorOptions = {
    port: numberOption(values, 'port') ?? 4010,
    host: values.host ?? '127.0.0.1',
    requireAuth: !values['allow-anonymous'],
  };
  if (values.region) options.region = values.region;
  const latencyMs = numberOption(values, 'latency-ms');
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  const timeToFirstTokenMs = numberOption(values, 'time-to-first-token-ms');
  if (timeToFirstTokenMs !== undefined) options.timeToFirstTokenMs = timeToFirstTokenMs;
  const tokensPerSecond = numberOption(values, 'tokens-per-second');
  if (tokensPerSecond !== undefined) options.tokensPerSecond = tokensPerSecond;
  const replyTokens = numberOption(values, 'reply-tokens');
  if (replyTokens !== undefined) options.replyTokens = replyTokens;

  const emulator = await startBedrockEmulator(options);
  process.stdout.write(
    [
      `Bedrock emulator listening on ${emulator.url} (HTTP/1.1 and HTTP/2)`,
      '',
      'Point the AWS SDK or CLI at it:',
      `  export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${emulator.url}`,
      '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1',
      `or in code: new BedrockRuntimeClient({ endpoint: '${emulator.url}', region: 'us-east-1' })`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bedrock-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
