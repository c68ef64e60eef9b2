import type { EmulatedModel, Fault, RecordedRequest } from './bedrock-emulator-types.js';
import type { BedrockFaultRegistry } from './bedrock-fault-registry.js';

/** Settings with their defaults applied. */
export interface EmulatorSettings {
  region: string;
  latencyMs: number;
  timeToFirstTokenMs: number;
  tokensPerSecond: number | undefined;
  requireAuth: boolean;
  replyTokens: number | undefined;
  arnModels: Record<string, string>;
}

/** What every request handler shares: settings, models, recordings, faults and the prompt cache. */
export interface EmulatorState {
  settings: EmulatorSettings;
  models: EmulatedModel[];
  requests: RecordedRequest[];
  faults: BedrockFaultRegistry;
  /** Prefixes already written to the prompt cache; the next request with the same prefix reads it. */
  promptCache: Set<string>;
  closing: AbortSignal;
}

/** The in-stream fault a streaming handler must honour, if any. */
export type StreamFault = Extract<Fault, { type: 'stream-exception' | 'drop-connection' }>;
