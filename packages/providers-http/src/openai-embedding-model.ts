import type {
  CallOptionsV1,
  EmbeddingModelV1,
  EmbedRequestV1,
  EmbedResultV1,
  WarningV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { CallScope } from './call-scope';
import { readAnswerText } from './http-client';
import { attemptHeaders, errorContext, mapErrorWithModels, type UpstreamConfig } from './upstream-config';

export interface OpenAIEmbeddingConfig extends UpstreamConfig {
  embeddingsUrl: string;
  modelWarnings: WarningV1[];
}

/** OpenAI's limit per call; larger requests are split into sequential calls. */
const MAX_VALUES_PER_CALL = 2048;

interface EmbeddingsResponse {
  data?: Array<{ index?: number; embedding?: unknown }>;
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

export class OpenAIEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = 'v1';
  readonly maxValuesPerCall = MAX_VALUES_PER_CALL;

  constructor(
    readonly modelId: string,
    private readonly config: OpenAIEmbeddingConfig,
  ) {}

  get provider(): string {
    return this.config.kind;
  }

  async embed(request: EmbedRequestV1, options?: CallOptionsV1): Promise<EmbedResultV1> {
    const started = performance.now();
    const warnings: WarningV1[] = [...this.config.modelWarnings];
    const extra: Record<string, unknown> = {};
    if (request.inputType !== undefined) {
      // NVIDIA's retrieval embedders need the side of the pair; other servers have no such field.
      if (this.config.kind === 'nvidia')
        extra.input_type = request.inputType === 'document' ? 'passage' : 'query';
      else
        warnings.push({ type: 'unsupported-setting', setting: 'inputType', details: 'Not an OpenAI field.' });
    }
    Object.assign(extra, request.providerOptions?.openai, request.providerOptions?.[this.config.kind]);
    const embeddings: number[][] = [];
    let inputTokens = 0;
    const scope = new CallScope(options?.signal, this.config.transport.timeoutMs);
    try {
      for (let offset = 0; offset < request.values.length; offset += MAX_VALUES_PER_CALL) {
        const batch = request.values.slice(offset, offset + MAX_VALUES_PER_CALL);
        const body = {
          model: this.modelId,
          input: batch,
          encoding_format: 'float',
          ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
          ...extra,
        };
        const parsed = await this.call(JSON.stringify(body), scope, options);
        const rows = [...(parsed.data ?? [])].sort((left, right) => (left.index ?? 0) - (right.index ?? 0));
        if (rows.length !== batch.length || !rows.every((row) => isVector(row.embedding))) {
          throw this.invalid(`${rows.length} float embeddings for ${batch.length} inputs`);
        }
        for (const row of rows) {
          const vector = row.embedding as number[];
          embeddings.push(request.normalize ? normalize(vector) : vector);
        }
        inputTokens += parsed.usage?.prompt_tokens ?? parsed.usage?.total_tokens ?? 0;
      }
    } finally {
      scope.dispose();
    }
    return {
      embeddings,
      usage: { inputTokens },
      latencyMs: performance.now() - started,
      modelId: this.modelId,
      providerMetadata: {},
      warnings,
    };
  }

  private async call(body: string, scope: CallScope, options?: CallOptionsV1): Promise<EmbeddingsResponse> {
    const { config, modelId } = this;
    const response = await config.client.send(
      {
        url: config.embeddingsUrl,
        method: 'POST',
        body,
        headers: attemptHeaders(config, modelId, options),
        mapError: mapErrorWithModels(config, modelId),
      },
      scope,
      errorContext(config, modelId, config.embeddingsUrl),
    );
    const text = await readAnswerText(response, scope);
    try {
      return JSON.parse(text) as EmbeddingsResponse;
    } catch (cause) {
      throw this.invalid(`an answer that is not JSON: ${text.slice(0, 120)}`, cause);
    }
  }

  private invalid(what: string, cause?: unknown): LLMRouterError {
    return new LLMRouterError({
      code: 'provider_response_invalid',
      message: `${this.config.displayName} (${this.config.embeddingsUrl}) sent ${what}.`,
      hint: 'Check that the model is an embedding model and the server speaks the OpenAI embeddings API.',
      provider: this.config.kind,
      modelId: this.modelId,
      cause,
    });
  }
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function normalize(vector: number[]): number[] {
  const length = Math.sqrt(vector.reduce((sum, item) => sum + item * item, 0));
  return length === 0 ? vector : vector.map((item) => item / length);
}
