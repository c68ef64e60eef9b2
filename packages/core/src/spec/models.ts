import type { ChatRequestV1 } from './chat-request';
import type { ChatResultV1, ProviderMetadataV1, WarningV1 } from './chat-result';
import type { StreamPartV1 } from './stream-part';

/**
 * What a call listens to for cancellation. An AbortSignal is one. Hosts on the hot path may pass a lighter
 * object with these members (core's `CancelSignal`): on Node 20 creating an AbortSignal takes about 6 µs,
 * because Node changes the new object's prototype, which is a slow path in V8.
 */
export interface CancelSignalV1 {
  readonly aborted: boolean;
  /** Why it was cancelled, once it was. */
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface CallOptionsV1 {
  /** Aborting rejects the call with an `aborted` error and closes the upstream connection. */
  signal?: CancelSignalV1;
  /** Extra request headers for HTTP providers (ignored by SDK providers). */
  headers?: Record<string, string>;
}

export interface ModelCapabilitiesV1 {
  streaming: boolean;
  systemPrompt: boolean;
  tools: boolean;
  images: boolean;
  promptCaching: boolean;
  reasoning: boolean;
}

export interface ChatModelV1 {
  readonly specificationVersion: 'v1';
  /** The provider id (`bedrock`, `openai`, `nvidia`, …). */
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities?: Partial<ModelCapabilitiesV1>;
  generate(request: ChatRequestV1, options?: CallOptionsV1): Promise<ChatResultV1>;
  /** Errors before the first part reject the first `next()`; later ones reject the `next()` where they happen. */
  stream(request: ChatRequestV1, options?: CallOptionsV1): AsyncIterable<StreamPartV1>;
}

export interface EmbedRequestV1 {
  values: string[];
  dimensions?: number;
  normalize?: boolean;
  /** Some models embed queries and documents differently (Cohere `input_type`). */
  inputType?: 'query' | 'document';
  providerOptions?: Record<string, Record<string, unknown>>;
}

export interface EmbedResultV1 {
  embeddings: number[][];
  usage: { inputTokens: number };
  latencyMs: number;
  modelId: string;
  providerMetadata: ProviderMetadataV1;
  warnings: WarningV1[];
}

export interface EmbeddingModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  /** The most values one call accepts; callers split larger batches. */
  readonly maxValuesPerCall?: number;
  embed(request: EmbedRequestV1, options?: CallOptionsV1): Promise<EmbedResultV1>;
}

/** Per-model settings from the config that every provider understands; the rest is `providerSettings`. */
export interface ModelSettingsV1 {
  region?: string;
  providerSettings?: Record<string, unknown>;
}

export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  readonly id: string;
  chatModel(modelId: string, settings?: ModelSettingsV1): ChatModelV1;
  embeddingModel?(modelId: string, settings?: ModelSettingsV1): EmbeddingModelV1;
}
