import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestConfigOptions {
  emulatorUrl: string;
  upstreamUrl: string;
  /** Replaces the router section (YAML, indented by two spaces). */
  router?: string;
  /** Extra model entries (YAML, indented by two spaces). */
  extraModels?: string;
  /** Leave the Bedrock provider without credentials. */
  noCredentials?: boolean;
}

/**
 * A native config mixing Bedrock models (answered by the emulator) and two models of a loopback
 * OpenAI-compatible upstream. Written to `folder/llmrouter.yaml`; returns its path.
 */
export function writeTestConfig(folder: string, options: TestConfigOptions): string {
  const credentials = options.noCredentials
    ? ''
    : '    access_key_id: AKIAEMULATORTEST0000\n    secret_access_key: test-secret\n';
  const text = `version: 1
server:
  host: 127.0.0.1
  port: 0
  show_model_prefix: false
  limits: { shutdown_timeout_ms: 2000 }
providers:
  bedrock:
    endpoint: ${options.emulatorUrl}
    region: us-east-1
    max_retries: 0
${credentials}  loopback:
    type: openai-compatible
    base_url: ${options.upstreamUrl}
    api_key: sk-loopback-test-key-0000000000
    max_retries: 0
models:
  haiku:
    provider: bedrock
    model: anthropic.claude-3-haiku-20240307-v1:0
    input_price: 0.25
    output_price: 1.25
  sonnet:
    provider: bedrock
    model: us.anthropic.claude-sonnet-4-5-20250929-v1:0
    input_price: 3
    output_price: 15
  oracle:
    provider: loopback
    model: oracle-model
    input_price: 1
    output_price: 2
  dunce:
    provider: loopback
    model: dunce-model
    input_price: 0.1
    output_price: 0.2
  embed:
    provider: bedrock
    model: amazon.titan-embed-text-v2:0
    kind: embedding
${options.extraModels ?? ''}${
  options.router ??
  `router:
  strategy: rules
  rules:
    - keywords: [python, code]
      model: sonnet
    - keywords: [local]
      model: oracle
  default: haiku
`
}`;
  const path = join(folder, 'llmrouter.yaml');
  writeFileSync(path, text);
  return path;
}
