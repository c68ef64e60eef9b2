import type { FinishReasonV1, UsageV1 } from '@llmrouter/core';
import { type OpenAIUsage, openAIFinishReason, openAIUsage } from './format-chat-completion';

interface Delta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function: { name?: string; arguments: string };
  }>;
}

/** Builds the `chat.completion.chunk` lines of one streamed answer; they share id, created and model. */
export class ChunkWriter {
  private readonly created = Math.floor(Date.now() / 1000);
  /** Everything before a text delta's content, serialised once: most chunks of an answer are text. */
  private readonly contentPrefix: string;

  constructor(
    private readonly id: string,
    private readonly model: string,
  ) {
    const head = JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: this.created,
      model,
      system_fingerprint: null,
    });
    this.contentPrefix = `${head.slice(0, -1)},"choices":[{"index":0,"delta":{"content":`;
  }

  /** A text delta: the same JSON as `delta({ content })`, with only the text serialised per chunk. */
  content(text: string): string {
    return `${this.contentPrefix}${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]}`;
  }

  private chunk(choices: unknown[], usage?: OpenAIUsage): string {
    const body = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      system_fingerprint: null,
      choices,
      ...(usage === undefined ? {} : { usage }),
    };
    return JSON.stringify(body);
  }

  delta(delta: Delta): string {
    return this.chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]);
  }

  /** The closing chunk; carries usage unless a separate usage chunk follows (include_usage). */
  finish(reason: FinishReasonV1, usage?: UsageV1): string {
    return this.chunk(
      [{ index: 0, delta: {}, logprobs: null, finish_reason: openAIFinishReason(reason) }],
      usage === undefined ? undefined : openAIUsage(usage),
    );
  }

  /** OpenAI's `stream_options.include_usage` chunk: no choices, only usage. */
  usage(usage: UsageV1): string {
    return this.chunk([], openAIUsage(usage));
  }
}
