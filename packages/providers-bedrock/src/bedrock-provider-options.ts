import type { WarningV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';

/** `providerOptions.bedrock`: Bedrock settings outside the spec, per request. */
export interface BedrockRequestOptions {
  /** Model-specific fields Converse passes through (`{ top_k: 40 }`, `{ thinking: { type: 'enabled', budget_tokens: 2048 } }`). */
  additionalModelRequestFields?: Record<string, unknown>;
  additionalModelResponseFieldPaths?: string[];
  guardrailConfig?: Record<string, unknown>;
  performanceConfig?: { latency: 'standard' | 'optimized' };
  requestMetadata?: Record<string, string>;
  /** `invoke` calls InvokeModel with the model family's native body instead of Converse. */
  api?: 'converse' | 'invoke';
}

const KNOWN = [
  'additionalModelRequestFields',
  'additionalModelResponseFieldPaths',
  'guardrailConfig',
  'performanceConfig',
  'requestMetadata',
  'api',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `providerOptions.bedrock`; unknown keys are warnings (a request is not config), wrong types errors. */
export function readBedrockRequestOptions(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  warnings: WarningV1[],
): BedrockRequestOptions {
  const raw = providerOptions?.bedrock;
  if (raw === undefined) return {};
  const bad = (key: string, expected: string) =>
    new LLMRouterError({
      code: 'request_invalid',
      message: `providerOptions.bedrock.${key} must be ${expected}.`,
      hint: `Fix providerOptions.bedrock.${key} or remove it.`,
      provider: 'bedrock',
    });
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key))
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.bedrock.${key}`,
        details: `Unknown Bedrock option; known: ${KNOWN.join(', ')}.`,
      });
  }
  const options: BedrockRequestOptions = {};
  const {
    additionalModelRequestFields,
    additionalModelResponseFieldPaths,
    guardrailConfig,
    performanceConfig,
    requestMetadata,
    api,
  } = raw;
  if (additionalModelRequestFields !== undefined) {
    if (!isRecord(additionalModelRequestFields)) throw bad('additionalModelRequestFields', 'an object');
    options.additionalModelRequestFields = additionalModelRequestFields;
  }
  if (additionalModelResponseFieldPaths !== undefined) {
    if (
      !Array.isArray(additionalModelResponseFieldPaths) ||
      !additionalModelResponseFieldPaths.every((path) => typeof path === 'string')
    )
      throw bad('additionalModelResponseFieldPaths', 'an array of JSON pointer strings');
    options.additionalModelResponseFieldPaths = additionalModelResponseFieldPaths;
  }
  if (guardrailConfig !== undefined) {
    if (!isRecord(guardrailConfig)) throw bad('guardrailConfig', 'an object');
    options.guardrailConfig = guardrailConfig;
  }
  if (performanceConfig !== undefined) {
    if (
      !isRecord(performanceConfig) ||
      (performanceConfig.latency !== 'standard' && performanceConfig.latency !== 'optimized')
    )
      throw bad('performanceConfig', '{ latency: "standard" | "optimized" }');
    options.performanceConfig = { latency: performanceConfig.latency };
  }
  if (requestMetadata !== undefined) {
    if (!isRecord(requestMetadata)) throw bad('requestMetadata', 'an object of strings');
    options.requestMetadata = requestMetadata as Record<string, string>;
  }
  if (api !== undefined) {
    if (api !== 'converse' && api !== 'invoke') throw bad('api', '"converse" or "invoke"');
    options.api = api;
  }
  return options;
}
