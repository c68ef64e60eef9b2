import type {
  CallOptionsV1,
  ChatModelV1,
  ChatRequestV1,
  ChatResultV1,
  ModelCapabilitiesV1,
  StreamPartV1,
  ToolCallV1,
  WarningV1,
} from '@llmrouter/core';
import { AnthropicStreamAssembler } from './anthropic-stream-assembler';
import { CallScope } from './call-scope';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';
import { type HttpResponse, readAnswerText } from './http-client';
import { type AnthropicUsage, mapAnthropicFinishReason, mapAnthropicUsage } from './map-anthropic-response';
import { parseJsonAnswer } from './parse-json-answer';
import { ssePartStream } from './sse-part-stream';
import { attemptHeaders, errorContext, mapErrorWithModels, type UpstreamConfig } from './upstream-config';

export interface AnthropicChatConfig extends UpstreamConfig {
  messagesUrl: string;
  modelWarnings: WarningV1[];
}

/** A Messages API answer; only the fields we read. */
interface AnthropicMessageResponse {
  id?: string;
  model?: string;
  content?: Array<{
    type?: string;
    text?: string;
    thinking?: string;
    id?: string;
    name?: string;
    input?: unknown;
  }>;
  stop_reason?: string | null;
  usage?: AnthropicUsage;
}

export class AnthropicChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly capabilities: Partial<ModelCapabilitiesV1> = {
    streaming: true,
    systemPrompt: true,
    tools: true,
    images: true,
    promptCaching: true,
    reasoning: true,
  };

  constructor(
    readonly modelId: string,
    private readonly config: AnthropicChatConfig,
  ) {}

  get provider(): string {
    return this.config.kind;
  }

  async generate(request: ChatRequestV1, options?: CallOptionsV1): Promise<ChatResultV1> {
    const started = performance.now();
    const { body, warnings } = this.body(request, false);
    const scope = new CallScope(options?.signal, this.config.transport.timeoutMs);
    try {
      const response = await this.send(body, scope, options);
      const text = await readAnswerText(response, scope);
      const message = this.parse(text);
      const blocks = message.content ?? [];
      const toolCalls = blocks
        .filter((block) => block.type === 'tool_use')
        .map(
          (block, index): ToolCallV1 => ({
            id: block.id ?? `toolu_${index}`,
            name: block.name ?? '',
            arguments: JSON.stringify(block.input ?? {}),
          }),
        );
      const reasoning = blocks
        .map((block) => (block.type === 'thinking' ? (block.thinking ?? '') : ''))
        .join('');
      const result: ChatResultV1 = {
        text: blocks.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join(''),
        toolCalls,
        finishReason: mapAnthropicFinishReason(message.stop_reason),
        usage: mapAnthropicUsage(message.usage),
        latencyMs: performance.now() - started,
        modelId: this.modelId,
        providerMetadata: { [this.config.kind]: metadata(message.id, message.model) },
        warnings,
      };
      // Set afterwards rather than spread into the literal: on Node 20 a spread costs microseconds per call.
      if (reasoning.length > 0) result.reasoning = reasoning;
      return result;
    } finally {
      scope.dispose();
    }
  }

  stream(request: ChatRequestV1, options?: CallOptionsV1): AsyncIterable<StreamPartV1> {
    return ssePartStream(() => {
      const { body, warnings } = this.body(request, true);
      const scope = new CallScope(options?.signal, this.config.transport.timeoutMs);
      const { kind, displayName } = this.config;
      return {
        scope,
        warnings,
        kind,
        modelId: this.modelId,
        expectedEnd: 'message_stop',
        assembler: new AnthropicStreamAssembler({ provider: kind, displayName, modelId: this.modelId }),
        open: async () => {
          const response = await this.send(body, scope, options);
          return { body: response.body, context: response.context };
        },
      };
    });
  }

  private body(request: ChatRequestV1, stream: boolean): { body: string; warnings: WarningV1[] } {
    const { body, warnings } = convertToAnthropicRequest(request, { modelId: this.modelId, stream });
    return { body: JSON.stringify(body), warnings: [...this.config.modelWarnings, ...warnings] };
  }

  private send(body: string, scope: CallScope, options: CallOptionsV1 | undefined): Promise<HttpResponse> {
    const { config, modelId } = this;
    return config.client.send(
      {
        url: config.messagesUrl,
        method: 'POST',
        body,
        headers: attemptHeaders(config, modelId, options, 'api-key'),
        mapError: mapErrorWithModels(config, modelId),
      },
      scope,
      errorContext(config, modelId, config.messagesUrl),
    );
  }

  private parse(text: string): AnthropicMessageResponse {
    const { config, modelId } = this;
    return parseJsonAnswer<AnthropicMessageResponse>(text, 'content', {
      displayName: config.displayName,
      url: config.messagesUrl,
      kind: config.kind,
      modelId,
      hint: 'The server does not speak the Anthropic Messages API; check base_url.',
    });
  }
}

function metadata(id: string | undefined, model: string | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (id !== undefined) result.requestId = id;
  if (model !== undefined) result.responseModel = model;
  return result;
}
