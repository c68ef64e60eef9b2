export { ERROR_CODES, type ErrorCode, isErrorCode } from './error-codes';
export {
  LLMRouterError,
  type LLMRouterErrorJSON,
  type LLMRouterErrorOptions,
  toLLMRouterError,
} from './llmrouter-error';
export { REDACTED, redactText, redactValue, registerSecret } from './redact';
