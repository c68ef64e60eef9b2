import type { EmulatedModel } from './bedrock-emulator-types.js';
import { type BedrockError, bedrockErrors, converseMessages } from './bedrock-errors.js';
import { modelFamily } from './bedrock-model-table.js';
import { countTokens } from './deterministic-reply.js';
import type { ChatInput, ToolChoice, ToolDefinition } from './generate-answer.js';

// Loose views of the Converse request: only the fields the emulator reads.
type Block = Record<string, unknown>;
interface Message {
  role?: unknown;
  content?: unknown;
}

export interface CachePrefix {
  /** Identifies the cached prefix: same model and same content up to the last cachePoint. */
  key: string;
  tokens: number;
}

export interface ParsedConverse {
  chat: ChatInput;
  cachePrefix?: CachePrefix;
}

/** Validates a Converse body the way Bedrock does and turns it into the emulator's chat input. */
export function parseConverseRequest(
  body: unknown,
  model: EmulatedModel,
  replyTokens?: number,
): ParsedConverse | BedrockError {
  if (body === null || typeof body !== 'object') return bedrockErrors.serialization();
  const request = body as Record<string, unknown>;
  if (model.converse === false || model.embedding)
    return bedrockErrors.validation(converseMessages.converseUnsupported);
  if (!Array.isArray(request.messages)) {
    return bedrockErrors.validation(
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  }
  const messages = request.messages as Message[];
  const toolConfig = asRecord(request.toolConfig);
  const system = Array.isArray(request.system) ? (request.system as Block[]) : [];

  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant') {
      return bedrockErrors.validation(
        `1 validation error detected: Value '${String(message.role)}' at 'messages.${index + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`,
      );
    }
  }
  if (messages[0]?.role !== 'user') return bedrockErrors.validation(converseMessages.mustStartWithUser);
  for (let index = 1; index < messages.length; index++) {
    if (messages[index]?.role === messages[index - 1]?.role) {
      return bedrockErrors.validation(converseMessages.mustAlternate);
    }
  }
  let usesTools = false;
  let usesCache = system.some((block) => 'cachePoint' in block);
  for (const [index, message] of messages.entries()) {
    for (const [position, block] of contentOf(message).entries()) {
      if (typeof block.text === 'string' && block.text.trim() === '') {
        return bedrockErrors.validation(converseMessages.blankText(`messages.${index}.content.${position}`));
      }
      if ('toolUse' in block || 'toolResult' in block) usesTools = true;
      if ('cachePoint' in block) usesCache = true;
    }
  }
  if (usesTools && !toolConfig) return bedrockErrors.validation(converseMessages.toolConfigRequired);
  const systemText = system.map((block) => (typeof block.text === 'string' ? block.text : '')).join('\n');
  if (systemText.trim() !== '' && model.systemPrompt === false) {
    return bedrockErrors.validation(converseMessages.systemUnsupported);
  }
  const toolEntries = Array.isArray(toolConfig?.tools) ? (toolConfig.tools as Block[]) : [];
  if (toolConfig && model.tools === false) return bedrockErrors.validation(converseMessages.toolsUnsupported);
  if (toolEntries.some((entry) => 'cachePoint' in entry)) usesCache = true;
  if (usesCache && !model.promptCaching) return bedrockErrors.promptCachingUnsupported();

  const tools: ToolDefinition[] = toolEntries.flatMap((entry) => {
    const spec = asRecord(entry.toolSpec);
    if (!spec || typeof spec.name !== 'string') return [];
    return [{ name: spec.name, inputSchema: asRecord(spec.inputSchema)?.json ?? {} }];
  });
  const last = messages.at(-1);
  const lastBlocks = last?.role === 'user' ? contentOf(last) : [];
  const toolResults = lastBlocks.filter((block) => 'toolResult' in block);
  const prompt =
    toolResults.length > 0 ? toolResults.map((block) => blockText(block)).join('\n') : textOf(lastBlocks);
  const inference = asRecord(request.inferenceConfig) ?? {};
  const additional = asRecord(request.additionalModelRequestFields) ?? {};
  const inputText = [systemText, ...messages.flatMap((message) => contentOf(message).map(blockText))].join(
    '\n',
  );

  const chat: ChatInput = {
    modelId: model.id,
    prompt,
    inputText,
    answersToolResult: toolResults.length > 0,
    prefaceToolUse: modelFamily(model.id) === 'anthropic',
    ...(systemText.trim() === '' ? {} : { system: systemText }),
    ...(typeof inference.maxTokens === 'number' ? { maxTokens: inference.maxTokens } : {}),
    ...(Array.isArray(inference.stopSequences) ? { stopSequences: inference.stopSequences.map(String) } : {}),
    ...(tools.length > 0 ? { tools, toolChoice: toolChoiceOf(toolConfig?.toolChoice) } : {}),
    ...reasoningOf(model, additional),
    ...(replyTokens === undefined ? {} : { replyTokens }),
  };
  const cachePrefix = usesCache ? cachePrefixOf(model, toolEntries, system, messages) : undefined;
  return cachePrefix ? { chat, cachePrefix } : { chat };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function contentOf(message: Message): Block[] {
  return Array.isArray(message.content)
    ? (message.content as Block[]).filter((block) => asRecord(block))
    : [];
}

function textOf(blocks: Block[]): string {
  return blocks
    .map((block) => (typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** The text a block contributes to the prompt and to input tokens. */
function blockText(block: Block): string {
  if (typeof block.text === 'string') return block.text;
  const toolUse = asRecord(block.toolUse);
  if (toolUse) return JSON.stringify(toolUse.input ?? {});
  const toolResult = asRecord(block.toolResult);
  if (toolResult && Array.isArray(toolResult.content)) {
    return (toolResult.content as Block[])
      .map((part) => (typeof part.text === 'string' ? part.text : JSON.stringify(part.json ?? '')))
      .join('\n');
  }
  return '';
}

function toolChoiceOf(value: unknown): ToolChoice {
  const choice = asRecord(value);
  const tool = asRecord(choice?.tool);
  if (tool && typeof tool.name === 'string') return { kind: 'tool', name: tool.name };
  if (choice && 'any' in choice) return { kind: 'any' };
  return { kind: 'auto' };
}

function reasoningOf(
  model: EmulatedModel,
  additional: Record<string, unknown>,
): Pick<ChatInput, 'reasoning'> {
  if (!model.reasoning) return {};
  if (modelFamily(model.id) === 'deepseek') return { reasoning: 'unsigned' };
  const thinking = asRecord(additional.thinking) ?? asRecord(additional.reasoning_config);
  return thinking?.type === 'enabled' || thinking?.type === 'adaptive' ? { reasoning: 'signed' } : {};
}

/** Bedrock caches tools, then system, then messages, up to the last cachePoint. */
function cachePrefixOf(
  model: EmulatedModel,
  tools: Block[],
  system: Block[],
  messages: Message[],
): CachePrefix {
  const sequence: Block[] = [...tools, ...system, ...messages.flatMap(contentOf)];
  let lastPoint = -1;
  sequence.forEach((block, index) => {
    if ('cachePoint' in block) lastPoint = index;
  });
  const prefix = sequence.slice(0, lastPoint + 1).filter((block) => !('cachePoint' in block));
  const text = prefix
    .map((block) => ('toolSpec' in block ? JSON.stringify(block.toolSpec) : blockText(block)))
    .join('\n');
  return { key: `${model.id}\u0000${JSON.stringify(prefix)}`, tokens: countTokens(text) };
}
