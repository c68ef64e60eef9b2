import { computeCost, emptyUsage } from '@llmrouter/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayContext, GatewayEnv } from '../gateway-context';
import { exchangeOf } from '../http/hono-exchange';
import { requestInvalid } from '../openai/parse-chat-request';
import { readJsonBody } from './read-json-body';
import { requestSignal } from './request-signal';

const embeddingsSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]),
  dimensions: z.number().int().positive().nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  user: z.string().nullish(),
  input_type: z.enum(['query', 'document']).nullish(),
});

/** Float32 little-endian, base64: what OpenAI sends for `encoding_format: base64` (the openai SDK's default). */
function base64Embedding(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

export function embeddingsRoute(gateway: GatewayContext) {
  const app = new Hono<GatewayEnv>();
  app.post('/embeddings', async (c) => {
    const record = c.get('record');
    const exchange = exchangeOf(c);
    const parsed = embeddingsSchema.safeParse(
      await readJsonBody(exchange, gateway.runtime.loaded.config.server.limits.max_body_bytes),
    );
    if (!parsed.success) throw requestInvalid(parsed.error.issues);
    const body = parsed.data;
    const model = gateway.runtime.embeddingModel(body.model);
    const resolved = gateway.runtime.models.get(body.model);
    const values = typeof body.input === 'string' ? [body.input] : body.input;
    const result = await model.embed(
      {
        values,
        ...(body.dimensions == null ? {} : { dimensions: body.dimensions }),
        ...(body.input_type == null ? {} : { inputType: body.input_type }),
      },
      { signal: requestSignal(exchange, gateway.runtime.loaded.config.server.limits.request_timeout_ms) },
    );
    const usage = {
      ...emptyUsage(),
      inputTokens: result.usage.inputTokens,
      totalTokens: result.usage.inputTokens,
    };
    const cost = resolved ? computeCost(usage, resolved.prices) : undefined;
    Object.assign(record, {
      model: body.model,
      provider: model.provider,
      inputTokens: result.usage.inputTokens,
      costUsd: cost?.total,
    });
    const base64 = body.encoding_format === 'base64';
    return c.json(
      {
        object: 'list',
        data: result.embeddings.map((embedding, index) => ({
          object: 'embedding',
          index,
          embedding: base64 ? base64Embedding(embedding) : embedding,
        })),
        model: body.model,
        usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
      },
      200,
      { 'x-llmrouter-model': body.model, 'x-llmrouter-provider': model.provider },
    );
  });
  return app;
}
