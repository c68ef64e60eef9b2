import type { ConverseRequest } from '@aws-sdk/client-bedrock-runtime';
import type { ChatRequestV1, WarningV1 } from '@llmrouter/core';
import type { BedrockCatalogModel } from './bedrock-model-catalog';
import type { BedrockRequestOptions } from './bedrock-provider-options';
import { prepareBedrockTools } from './bedrock-tools';
import { convertToBedrockMessages } from './convert-to-bedrock-messages';

/** The Converse / ConverseStream input for a request, without the model id (it may change on retry). */
export type BedrockConverseInput = Omit<ConverseRequest, 'modelId'>;

export function prepareBedrockConverse(
  request: ChatRequestV1,
  model: BedrockCatalogModel | undefined,
  options: BedrockRequestOptions,
  warnings: WarningV1[],
): BedrockConverseInput {
  const toolConfig = prepareBedrockTools(request.tools, request.toolChoice, model, warnings);
  const { system, messages } = convertToBedrockMessages(request.messages, {
    model,
    toolsSent: toolConfig !== undefined,
    warnings,
  });
  const inferenceConfig: NonNullable<ConverseRequest['inferenceConfig']> = {};
  if (request.maxTokens !== undefined) inferenceConfig.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) inferenceConfig.stopSequences = request.stop;
  if (request.seed !== undefined)
    warnings.push({
      type: 'unsupported-setting',
      setting: 'seed',
      details: 'Bedrock Converse has no seed; answers may vary.',
    });
  if (request.responseFormat?.type === 'json') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'responseFormat',
      details:
        'Converse has no JSON mode; ask for JSON in the prompt, or force a tool whose parameters are the schema.',
    });
  }
  const input: BedrockConverseInput = { messages };
  if (system.length > 0) input.system = system;
  if (Object.keys(inferenceConfig).length > 0) input.inferenceConfig = inferenceConfig;
  if (toolConfig) input.toolConfig = toolConfig;
  if (options.additionalModelRequestFields)
    input.additionalModelRequestFields = options.additionalModelRequestFields as never;
  if (options.additionalModelResponseFieldPaths)
    input.additionalModelResponseFieldPaths = options.additionalModelResponseFieldPaths;
  if (options.guardrailConfig) input.guardrailConfig = options.guardrailConfig as never;
  if (options.performanceConfig) input.performanceConfig = options.performanceConfig;
  if (options.requestMetadata) input.requestMetadata = options.requestMetadata;
  return input;
}
