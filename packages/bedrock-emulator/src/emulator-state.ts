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
  keepRequests: number;
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

/** Prefixes the prompt cache holds at most; the oldest is forgotten first, as real entries expire. */
const PROMPT_CACHE_ENTRIES = 10_000;

/** Records a request, forgetting the oldest beyond `keepRequests` (in place: callers hold the array). */
export function recordRequest(state: EmulatorState, recorded: RecordedRequest): void {
  const { requests } = state;
  requests.push(recorded);
  const excess = requests.length - state.settings.keepRequests;
  if (excess > 0) requests.splice(0, excess);
}

/** Whether `key` was cached before; caches it now either way. */
export function readPromptCache(state: EmulatorState, key: string): boolean {
  const { promptCache } = state;
  if (promptCache.has(key)) return true;
  promptCache.add(key);
  // A Set iterates in insertion order, so its first entry is the oldest.
  if (promptCache.size > PROMPT_CACHE_ENTRIES)
    promptCache.delete(promptCache.values().next().value as string);
  return false;
}

/** The in-stream fault a streaming handler must honour, if any. */
export type StreamFault = Extract<Fault, { type: 'stream-exception' | 'drop-connection' }>;
