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
import { CallScope } from './call-scope';
import { convertToOpenAIRequest } from './convert-to-openai-request';
import { type HttpResponse, readAnswerText } from './http-client';
import { mapOpenAIFinishReason, mapOpenAIUsage, type OpenAIUsage } from './map-openai-response';
import { OpenAIStreamAssembler } from './openai-stream-assembler';
import { parseJsonAnswer } from './parse-json-answer';
import { ssePartStream } from './sse-part-stream';
import { attemptHeaders, errorContext, mapErrorWithModels, type UpstreamConfig } from './upstream-config';

export interface OpenAIChatConfig extends UpstreamConfig {
  chatUrl: string;
  /** Warnings every call of this model carries (a model setting the provider ignores). */
  modelWarnings: WarningV1[];
}

/** A `chat.completion`; only the fields we read. */
interface OpenAICompletion {
  id?: string;
  model?: string;
  system_fingerprint?: string;
  choices?: Array<{
    message?: {
      content?: string | Array<{ type?: string; text?: string }> | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: Array<{ id?: string; function?: { name?: string; arguments?: string | object } }> | null;
    };
    finish_reason?: string | null;
  }>;
  usage?: OpenAIUsage | null;
}

export class OpenAIChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly capabilities: Partial<ModelCapabilitiesV1> = {
    streaming: true,
    systemPrompt: true,
    tools: true,
    images: true,
  };

  constructor(
    readonly modelId: string,
    private readonly config: OpenAIChatConfig,
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
      const completion = this.parse(text);
      const choice = completion.choices?.[0];
      const toolCalls = (choice?.message?.tool_calls ?? []).map(
        (call, index): ToolCallV1 => ({
          id: call.id || `call_${completion.id ?? 'generate'}_${index}`,
          name: call.function?.name ?? '',
          arguments:
            typeof call.function?.arguments === 'string'
              ? call.function.arguments
              : JSON.stringify(call.function?.arguments ?? {}),
        }),
      );
      const reasoning = choice?.message?.reasoning_content ?? choice?.message?.reasoning;
      const result: ChatResultV1 = {
        text: contentText(choice?.message?.content),
        toolCalls,
        finishReason: mapOpenAIFinishReason(choice?.finish_reason, toolCalls.length > 0),
        usage: mapOpenAIUsage(completion.usage),
        latencyMs: performance.now() - started,
        modelId: this.modelId,
        providerMetadata: {
          [this.config.kind]: this.metadata(
            response,
            completion.id,
            completion.model,
            completion.system_fingerprint,
          ),
        },
        warnings,
      };
      // Set afterwards rather than spread into the literal: on Node 20 a spread costs microseconds per call.
      if (typeof reasoning === 'string' && reasoning.length > 0) result.reasoning = reasoning;
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
        expectedEnd: 'a finish reason or [DONE]',
        assembler: new OpenAIStreamAssembler({ provider: kind, displayName, modelId: this.modelId }),
        open: async () => {
          const response = await this.send(body, scope, options);
          const metadata = this.metadata(response, undefined, undefined, undefined);
          const type = response.headers['content-type'];
          if (typeof type === 'string' && type.includes('application/json')) {
            // Some servers ignore `stream: true` and answer whole; replay that answer as one stream.
            const text = await readAnswerText(response, scope);
            return { body: once(completionAsSse(this.parse(text))), context: response.context, metadata };
          }
          return { body: response.body, context: response.context, metadata };
        },
      };
    });
  }

  private body(request: ChatRequestV1, stream: boolean): { body: string; warnings: WarningV1[] } {
    const { body, warnings } = convertToOpenAIRequest(request, {
      modelId: this.modelId,
      kind: this.config.kind,
      stream,
      maxTokensField: this.config.kind === 'openai' ? 'max_completion_tokens' : 'max_tokens',
    });
    return { body: JSON.stringify(body), warnings: [...this.config.modelWarnings, ...warnings] };
  }

  private send(body: string, scope: CallScope, options: CallOptionsV1 | undefined): Promise<HttpResponse> {
    const { config, modelId } = this;
    return config.client.send(
      {
        url: config.chatUrl,
        method: 'POST',
        body,
        headers: attemptHeaders(config, modelId, options),
        mapError: mapErrorWithModels(config, modelId),
      },
      scope,
      errorContext(config, modelId, config.chatUrl),
    );
  }

  private parse(text: string): OpenAICompletion {
    const { config, modelId } = this;
    return parseJsonAnswer<OpenAICompletion>(text, 'choices', {
      displayName: config.displayName,
      url: config.chatUrl,
      kind: config.kind,
      modelId,
      hint: 'The server does not speak the OpenAI chat-completions format; check base_url and chat_path.',
    });
  }

  private metadata(
    response: HttpResponse,
    id: string | undefined,
    model: string | undefined,
    fingerprint: string | undefined,
  ): Record<string, unknown> {
    const header = response.headers['x-request-id'];
    const metadata: Record<string, unknown> = {};
    const requestId = id ?? (Array.isArray(header) ? header[0] : header);
    if (requestId !== undefined) metadata.requestId = requestId;
    if (model !== undefined) metadata.responseModel = model;
    if (fingerprint !== undefined) metadata.systemFingerprint = fingerprint;
    return metadata;
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** A whole `chat.completion` as the SSE events that would have streamed it. */
function completionAsSse(completion: OpenAICompletion): string {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const delta = {
    content: contentText(message?.content),
    reasoning_content: message?.reasoning_content ?? message?.reasoning ?? null,
    tool_calls: (message?.tool_calls ?? []).map((call, index) => ({
      index,
      id: call.id,
      function: {
        name: call.function?.name,
        arguments:
          typeof call.function?.arguments === 'string'
            ? call.function.arguments
            : JSON.stringify(call.function?.arguments ?? {}),
      },
    })),
  };
  const chunk = {
    id: completion.id,
    model: completion.model,
    choices: [{ index: 0, delta, finish_reason: choice?.finish_reason ?? 'stop' }],
    usage: completion.usage,
  };
  return `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
}

function contentText(content: string | Array<{ type?: string; text?: string }> | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (part.type === 'text' || part.type === undefined ? (part.text ?? '') : ''))
    .join('');
}
