import type { CallOptionsV1, ModelCapabilitiesV1, UsageV1 } from '@llmrouter/core';
import type { LLMRouterError } from '@llmrouter/errors';
import { abortedError, BedrockCallDeadline } from './bedrock-call-deadline';
import type { BedrockClientCache, BedrockRuntime } from './bedrock-client-cache';
import { inferenceProfileIdFor } from './bedrock-inference-profile';
import type { BedrockCatalogModel } from './bedrock-model-catalog';
import type { BedrockProviderSettings } from './bedrock-provider-settings';
import { mapBedrockError } from './map-bedrock-error';

/** What every model of one provider shares. */
export interface BedrockProviderContext {
  settings: BedrockProviderSettings;
  cache: BedrockClientCache;
  /** Foundation id (per region) → the inference profile that worked, so later calls skip the failing try. */
  profileMemory: Map<string, string>;
}

export interface BedrockModelContext extends BedrockProviderContext {
  modelId: string;
  modelRegion: string | undefined;
  catalog: BedrockCatalogModel | undefined;
}

export interface SentCommand<T> {
  output: T;
  /** The id that answered: the model id, or the inference profile after a fallback. */
  modelId: string;
  inferenceProfile?: string;
  retriedWithInferenceProfile: boolean;
}

const ON_DEMAND = /on-demand throughput isn.t supported/i;

/**
 * One Bedrock call: the runtime for the model's region, the deadline, the on-demand → inference
 * profile fallback, error mapping and the debug log line.
 */
export class BedrockCall {
  readonly started = performance.now();
  runtime: BedrockRuntime | undefined;
  deadline: BedrockCallDeadline | undefined;

  constructor(
    readonly context: BedrockModelContext,
    readonly operation: string,
    private readonly options: CallOptionsV1 | undefined,
  ) {}

  get region(): string {
    return this.runtime?.region ?? this.context.modelRegion ?? this.context.settings.region ?? 'unknown';
  }

  async open(): Promise<BedrockRuntime> {
    if (this.options?.signal?.aborted) throw abortedError(this.context.modelId);
    this.runtime = await this.context.cache.runtime(this.context.modelRegion);
    if (this.options?.signal?.aborted) throw abortedError(this.context.modelId);
    const { firstByteTimeoutMs, timeoutMs } = this.context.settings;
    this.deadline = new BedrockCallDeadline(this.options?.signal, firstByteTimeoutMs, timeoutMs);
    return this.runtime;
  }

  async send<T>(build: (modelId: string) => unknown): Promise<SentCommand<T>> {
    const runtime = this.runtime!;
    const { modelId, profileMemory, settings } = this.context;
    const memoryKey = `${runtime.region}|${modelId}`;
    const remembered = profileMemory.get(memoryKey);
    const sendTo = async (id: string) =>
      (await runtime.client.send(build(id) as never, { abortSignal: this.deadline!.signal })) as T;
    if (remembered !== undefined)
      return {
        output: await sendTo(remembered),
        modelId: remembered,
        inferenceProfile: remembered,
        retriedWithInferenceProfile: false,
      };
    try {
      return { output: await sendTo(modelId), modelId, retriedWithInferenceProfile: false };
    } catch (error) {
      const message = (error as { message?: unknown } | null)?.message;
      const profile = inferenceProfileIdFor(modelId, runtime.region);
      if (
        settings.inferenceProfileFallback === false ||
        profile === undefined ||
        typeof message !== 'string' ||
        !ON_DEMAND.test(message) ||
        this.deadline?.reason
      )
        throw error;
      const output = await sendTo(profile);
      profileMemory.set(memoryKey, profile);
      return { output, modelId: profile, inferenceProfile: profile, retriedWithInferenceProfile: true };
    }
  }

  /** Maps a failure, logs it and returns the error to throw. */
  fail(error: unknown, phase: 'request' | 'stream'): LLMRouterError {
    const { settings, modelId } = this.context;
    const mapped = mapBedrockError(error, {
      modelId,
      region: this.region,
      phase,
      abortReason: this.deadline?.reason,
      firstByteTimeoutMs: settings.firstByteTimeoutMs,
      timeoutMs: settings.timeoutMs,
      inferenceProfileFallback: settings.inferenceProfileFallback,
    });
    settings.logger?.debug('bedrock call failed', {
      operation: this.operation,
      modelId,
      region: this.region,
      code: mapped.code,
      latencyMs: Math.round(performance.now() - this.started),
      requestId: mapped.details?.requestId,
    });
    return mapped;
  }

  /** The one debug line per successful call: model, region, tokens, latency, request id; never a secret. */
  log(fields: {
    modelId: string;
    usage: UsageV1;
    latencyMs: number;
    requestId: string | undefined;
    timeToFirstTokenMs?: number | undefined;
  }): void {
    this.context.settings.logger?.debug('bedrock call', {
      operation: this.operation,
      modelId: fields.modelId,
      region: this.region,
      credentialSource: this.runtime?.auth.source,
      inputTokens: fields.usage.inputTokens,
      outputTokens: fields.usage.outputTokens,
      cacheReadTokens: fields.usage.cacheReadTokens,
      cacheWriteTokens: fields.usage.cacheWriteTokens,
      latencyMs: fields.latencyMs,
      ...(fields.timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs: fields.timeToFirstTokenMs }),
      requestId: fields.requestId,
    });
  }

  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  close(): void {
    this.deadline?.dispose();
  }
}

export function capabilitiesOf(
  model: BedrockCatalogModel | undefined,
): Partial<ModelCapabilitiesV1> | undefined {
  if (!model) return undefined;
  const { streaming, systemPrompt, tools, images, promptCaching, reasoning } = model.capabilities;
  return { streaming, systemPrompt, tools, images, promptCaching, reasoning };
}

export function bedrockMetadata(
  call: BedrockCall,
  sent: { inferenceProfile?: string; retriedWithInferenceProfile: boolean } | undefined,
  requestId: string | undefined,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = { region: call.region };
  if (requestId !== undefined) metadata.requestId = requestId;
  if (sent?.inferenceProfile !== undefined) {
    metadata.inferenceProfile = sent.inferenceProfile;
    metadata.retriedWithInferenceProfile = sent.retriedWithInferenceProfile;
  }
  return metadata;
}
