import type { FinishReasonV1, ProviderMetadataV1, UsageV1, WarningV1 } from './chat-result';

/**
 * The parts of a streamed answer, in order: one `start`, any number of deltas, one `finish`.
 * A failure after `start` is thrown from the iterator as an LLMRouterError
 * (`provider_stream_interrupted` or the mapped code), never reported as a normal finish.
 */
export type StreamPartV1 =
  | { type: 'start'; modelId: string; warnings: WarningV1[]; providerMetadata: ProviderMetadataV1 }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | {
      type: 'tool-call-delta';
      /** Position of the tool call in the answer; deltas of one call share it. */
      index: number;
      /** Present on the first delta of a call. */
      id?: string;
      /** Present on the first delta of a call. */
      name?: string;
      argumentsDelta: string;
    }
  | {
      type: 'finish';
      finishReason: FinishReasonV1;
      usage: UsageV1;
      latencyMs: number;
      /** Milliseconds from the call to the first text, reasoning or tool delta. */
      timeToFirstTokenMs?: number;
      providerMetadata: ProviderMetadataV1;
    };
