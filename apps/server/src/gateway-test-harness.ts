import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { parseConfigText } from '@llmrouter/core';
import OpenAI from 'openai';
import { createRuntime } from './runtime/create-runtime';
import { createSilentLogger, type GatewayLogger } from './runtime/gateway-logger';
import { type RunningGateway, startGateway } from './start-gateway';
import {
  type LoopbackUpstream,
  type LoopbackUpstreamOptions,
  startLoopbackUpstream,
} from './testing/loopback-openai-upstream';

export interface TestGateway {
  gateway: RunningGateway;
  emulator: BedrockEmulator;
  upstream: LoopbackUpstream;
  client: OpenAI;
  logLines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A mixed config: Bedrock models answered by the emulator (through the real AWS SDK) and an
 * OpenAI-compatible model answered by a loopback upstream, behind the real gateway on a real port.
 */
export function mixedConfig(emulatorUrl: string, upstreamUrl: string, extra = '', serverLines = ''): string {
  return `
server:
  port: 0
  show_model_prefix: false
  limits: { max_body_bytes: 65536, max_concurrency_per_model: 8, request_timeout_ms: 20000, shutdown_timeout_ms: 2000 }
${serverLines}
providers:
  bedrock:
    region: us-east-1
    endpoint: ${emulatorUrl}
    access_key_id: AKIAEMULATORTEST0000
    secret_access_key: emulator-test-secret
    max_retries: 0
  loopback:
    type: openai-compatible
    base_url: ${upstreamUrl}
    api_key: sk-loopback-test-key-0000000000
    max_retries: 0
models:
  haiku:
    provider: bedrock
    model: anthropic.claude-3-haiku-20240307-v1:0
    input_price: 0.25
    output_price: 1.25
    tier: low
  sonnet:
    provider: bedrock
    model: us.anthropic.claude-sonnet-4-5-20250929-v1:0
    input_price: 3
    output_price: 15
    tier: top
  local:
    provider: loopback
    model: loopback-model
    input_price: 0
    output_price: 0
    tier: mid
  embed:
    provider: bedrock
    model: amazon.titan-embed-text-v2:0
    kind: embedding
    input_price: 0.02
    output_price: 0
${extra}`;
}

/**
 * Points HOME at an empty folder until the returned function runs, so the AWS SDK finds no profile or
 * credentials of the machine's in ~/.aws.
 */
function isolateHome(): () => void {
  const saved = process.env.HOME;
  const folder = mkdtempSync(join(tmpdir(), 'llmrouter-home-'));
  process.env.HOME = folder;
  return () => {
    if (saved === undefined) delete process.env.HOME;
    else process.env.HOME = saved;
    rmSync(folder, { recursive: true, force: true });
  };
}

/** The real gateway on a mixed config, with an empty HOME until `close()`. */
export async function startTestGateway(
  options: {
    extra?: string;
    serverLines?: string;
    router?: string;
    upstream?: LoopbackUpstreamOptions;
    showModelPrefix?: boolean;
    keys?: string;
  } = {},
): Promise<TestGateway> {
  const restoreHome = isolateHome();
  const emulator = await startBedrockEmulator();
  const upstream = await startLoopbackUpstream(options.upstream);
  const router =
    options.router ??
    `router:
  strategy: rules
  rules:
    - keywords: [code]
      model: sonnet
    - keywords: [local]
      model: local
  default: haiku
  fallback_models: [local]`;
  const text = mixedConfig(
    emulator.url,
    upstream.url,
    `${router}\n${options.extra ?? ''}`,
    options.serverLines,
  );
  const loaded = parseConfigText(text, {
    source: join(mkdtempSync(join(tmpdir(), 'llmrouter-')), 'test.yaml'),
  });
  const logLines: Array<Record<string, unknown>> = [];
  const logger: GatewayLogger = { ...createSilentLogger(), request: (fields) => logLines.push(fields) };
  const runtime = await createRuntime({ loaded });
  const gateway = await startGateway({
    runtime,
    logger,
    ...(options.showModelPrefix === undefined ? {} : { showModelPrefix: options.showModelPrefix }),
  });
  const client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: options.keys ?? 'unused',
    maxRetries: 0,
  });
  return {
    gateway,
    emulator,
    upstream,
    client,
    logLines,
    async close() {
      await gateway.close();
      await Promise.all([emulator.close(), upstream.close()]);
      restoreHome();
    },
  };
}
