import { toLLMRouterError } from '@llmrouter/errors';
import type { GatewayContext, RequestRecord } from './gateway-context';
import { httpStatus } from './openai/error-status';
import { errorHeaders, openAIErrorBody } from './openai/openai-error';

export interface ErrorAnswer {
  status: number;
  body: ReturnType<typeof openAIErrorBody>;
  headers: Record<string, string>;
}

/**
 * What a request that failed is answered: the OpenAI error JSON, its status from the one table, and
 * `retry-after` when known. On the way the error goes on the request's record, an upstream error is
 * counted, and an unexpected one is logged with its stack (which the client never sees).
 */
export function errorAnswer(
  gateway: GatewayContext,
  caught: unknown,
  record: RequestRecord | undefined,
): ErrorAnswer {
  const error = toLLMRouterError(caught, { code: 'internal', message: 'Unexpected error.' });
  const status = httpStatus(error.code);
  if (record) {
    record.errorCode = error.code;
    record.status = status;
  }
  if (
    error.provider !== undefined ||
    error.code.startsWith('provider_') ||
    error.code === 'all_targets_failed'
  ) {
    gateway.metrics.upstreamErrors.inc([record?.model ?? error.modelId ?? '', error.code]);
  }
  if (error.code === 'internal')
    gateway.logger.info(`internal error: ${String((caught as Error)?.stack ?? caught)}`);
  // 499 is not a status a web Response may carry; the client is gone anyway.
  return {
    status: status === 499 ? 400 : status,
    body: openAIErrorBody(error),
    headers: errorHeaders(error),
  };
}
