import { LLMRouterError } from '@llmrouter/errors';
import type { HttpExchange } from '../http/http-exchange';

function tooLarge(limit: number): LLMRouterError {
  return new LLMRouterError({
    code: 'request_too_large',
    message: `The request body is larger than ${limit} bytes.`,
    hint: 'Send a smaller body, or raise server.limits.max_body_bytes.',
  });
}

/** The request body as JSON, or a 400 that says what is wrong with it. */
export async function readJsonBody(exchange: HttpExchange, limit: number): Promise<unknown> {
  const declared = Number(exchange.header('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const text = await exchange.readText(limit, () => tooLarge(limit));
  if (!text.trim()) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: 'The request body is empty.',
      hint: 'Send a JSON body with Content-Type: application/json.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `The request body is not valid JSON: ${(error as Error).message}`,
      hint: 'Send a JSON body with Content-Type: application/json.',
    });
  }
}
