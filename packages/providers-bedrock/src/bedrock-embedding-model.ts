import type { InvokeModelCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type {
  CallOptionsV1,
  EmbeddingModelV1,
  EmbedRequestV1,
  EmbedResultV1,
  WarningV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { BedrockCall, type BedrockModelContext, bedrockMetadata } from './bedrock-call';
import { RESPONSE_HEADERS } from './bedrock-client-cache';
import { invokeFamilyOf } from './bedrock-invoke-family';

const decoder = new TextDecoder();
const COHERE_BATCH = 96;

/**
 * Embeddings through InvokeModel. Titan embeds one text per call (v2 with `dimensions` and
 * `normalize`); Cohere Embed takes up to 96 texts per call with an `input_type`.
 */
export class BedrockEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'bedrock';
  readonly modelId: string;
  readonly maxValuesPerCall: number;
  private readonly family: 'titan-embed' | 'cohere-embed';

  constructor(private readonly context: BedrockModelContext) {
    this.modelId = context.modelId;
    const family = invokeFamilyOf(context.modelId);
    if (family !== 'titan-embed' && family !== 'cohere-embed') {
      throw new LLMRouterError({
        code: 'unsupported_feature',
        message: `${context.modelId} is not a Bedrock embedding model.`,
        hint: 'Use amazon.titan-embed-text-v2:0, amazon.titan-embed-text-v1, cohere.embed-english-v3 or cohere.embed-multilingual-v3.',
        provider: 'bedrock',
        modelId: context.modelId,
      });
    }
    this.family = family;
    this.maxValuesPerCall = family === 'cohere-embed' ? COHERE_BATCH : 2048;
  }

  private bodies(request: EmbedRequestV1, warnings: WarningV1[]): Array<Record<string, unknown>> {
    const extra = request.providerOptions?.bedrock ?? {};
    if (this.family === 'cohere-embed') {
      if (request.dimensions !== undefined)
        warnings.push({
          type: 'unsupported-setting',
          setting: 'dimensions',
          details: 'Cohere Embed v3 always returns 1024 dimensions.',
        });
      if (request.normalize === false)
        warnings.push({
          type: 'unsupported-setting',
          setting: 'normalize',
          details: 'Cohere Embed v3 vectors are always normalized.',
        });
      const inputType = request.inputType === 'query' ? 'search_query' : 'search_document';
      const bodies: Array<Record<string, unknown>> = [];
      for (let start = 0; start < request.values.length; start += COHERE_BATCH) {
        bodies.push({
          texts: request.values.slice(start, start + COHERE_BATCH),
          input_type: inputType,
          ...extra,
        });
      }
      return bodies;
    }
    const v2 = /titan-embed-text-v2/.test(this.modelId);
    if (!v2 && (request.dimensions !== undefined || request.normalize !== undefined)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: request.dimensions !== undefined ? 'dimensions' : 'normalize',
        details: 'Titan Embeddings v1 has fixed 1536-dimension vectors.',
      });
    }
    if (request.inputType !== undefined)
      warnings.push({
        type: 'unsupported-setting',
        setting: 'inputType',
        details: 'Titan embeds queries and documents alike.',
      });
    return request.values.map((value) => ({
      inputText: value,
      ...(v2 && request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
      ...(v2 && request.normalize !== undefined ? { normalize: request.normalize } : {}),
      ...extra,
    }));
  }

  async embed(request: EmbedRequestV1, options?: CallOptionsV1): Promise<EmbedResultV1> {
    const warnings: WarningV1[] = [];
    const call = new BedrockCall(this.context, 'InvokeModel', options);
    try {
      const bodies = this.bodies(request, warnings);
      const runtime = await call.open();
      const embeddings: number[][] = [];
      let inputTokens = 0;
      let requestId: string | undefined;
      // Titan takes one text per call; a few at a time keeps latency low without tripping throttling.
      const results = await mapLimited(bodies, 8, async (body) => {
        const sent = await call.send<InvokeModelCommandOutput>(
          (modelId) =>
            new runtime.sdk.InvokeModelCommand({
              modelId,
              body: JSON.stringify(body),
              contentType: 'application/json',
              accept: 'application/json',
            }),
        );
        // The first answer proves Bedrock responds; a long batch is bounded by timeoutMs instead.
        call.deadline!.firstByte();
        return sent;
      });
      for (const { output } of results) {
        requestId ??= output.$metadata.requestId;
        const json = JSON.parse(decoder.decode(output.body)) as {
          embedding?: number[];
          embeddings?: number[][] | { float?: number[][] };
          inputTextTokenCount?: number;
        };
        if (Array.isArray(json.embedding)) embeddings.push(json.embedding);
        else if (Array.isArray(json.embeddings)) embeddings.push(...json.embeddings);
        else if (json.embeddings?.float) embeddings.push(...json.embeddings.float);
        const header = (output as unknown as Record<symbol, Record<string, string> | undefined>)[
          RESPONSE_HEADERS
        ]?.['x-amzn-bedrock-input-token-count'];
        inputTokens += json.inputTextTokenCount ?? (header === undefined ? 0 : Number(header));
      }
      const latencyMs = call.elapsed();
      call.context.settings.logger?.debug('bedrock call', {
        operation: 'InvokeModel',
        modelId: this.modelId,
        region: call.region,
        inputTokens,
        values: request.values.length,
        latencyMs,
        requestId,
      });
      return {
        embeddings,
        usage: { inputTokens },
        latencyMs,
        modelId: this.modelId,
        providerMetadata: { bedrock: bedrockMetadata(call, undefined, requestId) },
        warnings,
      };
    } catch (error) {
      throw call.fail(error, 'request');
    } finally {
      call.close();
    }
  }
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
