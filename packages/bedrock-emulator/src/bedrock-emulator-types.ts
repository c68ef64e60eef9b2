/** The four Bedrock Runtime operations the emulator answers. */
export type BedrockOperation =
  | 'Converse'
  | 'ConverseStream'
  | 'InvokeModel'
  | 'InvokeModelWithResponseStream';

/** A model the emulator serves. Unset flags take the permissive default noted on each field. */
export interface EmulatedModel {
  /** Foundation model id, for example `anthropic.claude-3-haiku-20240307-v1:0`. */
  id: string;
  /** Regions that serve the model (directly or as the source region of a profile). Unset: every region. */
  regions?: string[];
  /** AWS serves the model only through inference profiles: a bare foundation id is refused. Default false. */
  requiresInferenceProfile?: boolean;
  /** Converse and ConverseStream accept the model. Default true (false for embedding models). */
  converse?: boolean;
  /** An embedding model: InvokeModel returns vectors. Default false. */
  embedding?: boolean;
  /** Converse accepts a `system` field. Default true. */
  systemPrompt?: boolean;
  /** Converse accepts a `toolConfig`. Default true. */
  tools?: boolean;
  /** `cachePoint` blocks are accepted and reported as cache read/write tokens. Default false. */
  promptCaching?: boolean;
  /** The model can answer with reasoning content (DeepSeek R1 always; Claude when `thinking` is enabled). */
  reasoning?: boolean;
  /** The model reached its end of life: every call gets ResourceNotFoundException. Default false. */
  legacy?: boolean;
}

/** One request as the emulator received it, for assertions in tests. */
export interface RecordedRequest {
  operation: BedrockOperation;
  /** The model id from the path, URL-decoded (a foundation id, profile id or ARN). */
  modelId: string;
  /** The foundation model the id resolved to, when it resolved. */
  resolvedModelId?: string;
  region: string;
  httpVersion: '1.1' | '2.0';
  /** The client's TCP port: requests that came over one connection share it. */
  clientPort: number;
  auth: 'sigv4' | 'bearer' | 'none';
  accessKeyId?: string;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: unknown;
}

/** Exceptions that Bedrock can send inside an event stream. */
export type StreamExceptionName =
  | 'modelStreamErrorException'
  | 'internalServerException'
  | 'throttlingException'
  | 'validationException'
  | 'serviceUnavailableException';

interface FaultScope {
  /** Only requests for this model id (as sent, or the foundation id it resolves to). */
  modelId?: string;
  /** Only this operation. */
  operation?: BedrockOperation;
  /** Apply to this many matching requests, then expire. Unset: until cleared. */
  times?: number;
}

export type Fault = FaultScope &
  (
    | { type: 'throttling'; retryAfterSeconds?: number }
    | { type: 'access-denied' }
    | { type: 'invalid-model' }
    | { type: 'on-demand-unsupported' }
    | { type: 'region-unavailable' }
    | { type: 'expired-token' }
    | { type: 'invalid-credentials' }
    | { type: 'model-not-ready' }
    | { type: 'service-unavailable' }
    | { type: 'internal-error' }
    | { type: 'validation'; message: string }
    | { type: 'slow'; delayMs: number }
    | { type: 'stream-exception'; afterEvents?: number; exception?: StreamExceptionName; message?: string }
    | { type: 'drop-connection'; afterEvents?: number }
  );

export interface BedrockEmulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Region assumed when the request does not name one (bearer auth). Default `us-east-1`. */
  region?: string;
  /** Added before any response. */
  latencyMs?: number;
  /** Streaming: delay before the first content delta. */
  timeToFirstTokenMs?: number;
  /** Streaming: pace of content deltas. Unset: as fast as possible. */
  tokensPerSecond?: number;
  /** Overrides (same id) or extends the built-in model table. */
  models?: EmulatedModel[];
  /** Reject requests without SigV4 or Bearer auth. Default true. */
  requireAuth?: boolean;
  /** Words in each generated answer. Unset: 24–40, chosen by the prompt's hash. */
  replyTokens?: number;
  /**
   * Foundation model behind opaque ARNs (application inference profiles, provisioned, custom and
   * imported models, Marketplace endpoints), keyed by full ARN or by its last path segment. Unset ARNs fall back to Claude 3 Haiku
   * (imported models: Llama 3.1 8B).
   */
  arnModels?: Record<string, string>;
  /**
   * How many of the latest requests `requests` keeps. Default 1000: an emulator that serves for hours
   * (the demo gateway's) must not grow without end.
   */
  keepRequests?: number;
}

export interface BedrockEmulator {
  /** `http://HOST:PORT`, ready for the SDK's `endpoint`. */
  readonly url: string;
  readonly port: number;
  /** The latest routed requests (up to `keepRequests`), in arrival order. */
  readonly requests: RecordedRequest[];
  /** The model table in use (built-in merged with `options.models`). */
  readonly models: readonly EmulatedModel[];
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Clears recorded requests, faults and the prompt cache. */
  reset(): void;
  /** Closes the server and every open socket and HTTP/2 session. */
  close(): Promise<void>;
}
