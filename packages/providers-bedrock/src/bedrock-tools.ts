import type { ToolConfiguration } from '@aws-sdk/client-bedrock-runtime';
import type { ToolChoiceV1, ToolV1, WarningV1 } from '@llmrouter/core';
import type { BedrockCatalogModel } from './bedrock-model-catalog';

// Converse accepts `any` and `tool` choices only for these families; others answer a ValidationException.
const FORCED_CHOICE_FAMILIES = new Set(['anthropic', 'mistral', 'nova']);

/**
 * OpenAI-shape tools to a Converse toolConfig. `none` omits the tools (Converse has no such choice);
 * a model without tools gets none and a warning; a forced choice the model cannot honour becomes `auto`.
 * Returns undefined when the request sends no tools.
 */
export function prepareBedrockTools(
  tools: ToolV1[] | undefined,
  toolChoice: ToolChoiceV1 | undefined,
  model: BedrockCatalogModel | undefined,
  warnings: WarningV1[],
): ToolConfiguration | undefined {
  if (!tools || tools.length === 0) {
    if (toolChoice !== undefined && toolChoice !== 'auto' && toolChoice !== 'none') {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'toolChoice',
        details: 'toolChoice was set without tools; ignored.',
      });
    }
    return undefined;
  }
  if (toolChoice === 'none') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'toolChoice',
      details: 'Converse has no "none" tool choice; the tools were not sent.',
    });
    return undefined;
  }
  if (model && !model.capabilities.tools) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'tools',
      details: `${model.name} does not support tool use on Bedrock; the tools were not sent.`,
    });
    return undefined;
  }
  const config: ToolConfiguration = {
    tools: tools.map((tool) => ({
      toolSpec: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        inputSchema: { json: (tool.parameters ?? { type: 'object', properties: {} }) as never },
      },
    })),
  };
  if (toolChoice === undefined || toolChoice === 'auto') return config;
  if (model && !FORCED_CHOICE_FAMILIES.has(model.family)) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'toolChoice',
      details: `${model.name} accepts only "auto" tool choice on Bedrock; sent "auto".`,
    });
    config.toolChoice = { auto: {} };
    return config;
  }
  if (toolChoice === 'required') config.toolChoice = { any: {} };
  else config.toolChoice = { tool: { name: toolChoice.name } };
  return config;
}
