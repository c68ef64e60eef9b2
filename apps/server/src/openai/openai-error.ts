import type { LLMRouterError } from '@llmrouter/errors';
import { httpStatus } from './error-status';

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** The OpenAI error body plus our `hint`; the message is already redacted by LLMRouterError. */
export function openAIErrorBody(error: LLMRouterError) {
  const param = typeof error.details?.param === 'string' ? error.details.param : null;
  return {
    error: {
      message: error.message,
      type: errorType(httpStatus(error.code)),
      code: error.code,
      param,
      hint: error.hint,
      ...(error.provider === undefined ? {} : { provider: error.provider }),
      ...(error.details?.attempts === undefined ? {} : { attempts: error.details.attempts }),
    },
  };
}

export function errorHeaders(error: LLMRouterError): Record<string, string> {
  return error.retryAfterMs === undefined
    ? {}
    : { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) };
}
