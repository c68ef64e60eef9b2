/**
 * The closed set of reasons an LLMRouter operation can fail, each knowing whether a retry can help.
 * Apps translate codes (the gateway to HTTP statuses, the CLI to exit codes); docs/errors.md lists
 * every code with an example message and hint.
 */
export const ERROR_CODES = {
  config_invalid: { retryable: false, summary: 'The configuration file is invalid.' },
  config_not_found: {
    retryable: false,
    summary: 'The configuration file could not be found or read.',
  },
  provider_unknown: {
    retryable: false,
    summary: 'A configured provider name is not recognised.',
  },
  provider_sdk_missing: {
    retryable: false,
    summary: 'A provider SDK package is not installed.',
  },
  provider_credentials_missing: {
    retryable: false,
    summary: 'No credentials were found for a provider.',
  },
  provider_auth: {
    retryable: false,
    summary: 'The provider rejected the credentials (invalid or expired).',
  },
  model_not_found: { retryable: false, summary: 'The model id does not exist at the provider.' },
  model_access_denied: { retryable: true, summary: 'The account has no access to the model.' },
  model_requires_inference_profile: {
    retryable: false,
    summary: 'The model cannot be called on demand by its id; an inference profile is required.',
  },
  model_not_ready: {
    retryable: true,
    summary: 'The model is not ready to serve (still loading or warming up).',
  },
  region_unavailable: {
    retryable: false,
    summary: 'The model is not offered in the configured region.',
  },
  provider_rate_limited: { retryable: true, summary: 'The provider throttled the request.' },
  provider_timeout: { retryable: true, summary: 'The provider did not answer in time.' },
  provider_unavailable: {
    retryable: true,
    summary: 'The provider is unreachable or failing (5xx, refused, DNS).',
  },
  provider_bad_request: {
    retryable: false,
    summary: 'The provider rejected the request as invalid.',
  },
  provider_response_invalid: {
    retryable: true,
    summary: 'The provider answered with something unreadable.',
  },
  provider_stream_interrupted: {
    retryable: false,
    summary: 'The provider stream failed after it began.',
  },
  context_length_exceeded: {
    retryable: false,
    summary: 'The prompt is longer than the model accepts.',
  },
  content_filtered: { retryable: false, summary: 'The provider blocked the content.' },
  request_invalid: { retryable: false, summary: 'The client request is malformed.' },
  request_too_large: { retryable: false, summary: 'The client request body is too large.' },
  unauthorized: { retryable: false, summary: 'The client did not present a valid gateway key.' },
  unsupported_feature: {
    retryable: false,
    summary: 'The model or provider does not support a requested feature.',
  },
  no_route: { retryable: false, summary: 'No configured model can serve the request.' },
  all_targets_failed: {
    retryable: false,
    summary: 'The chosen model and every fallback failed.',
  },
  overloaded: {
    retryable: true,
    summary: 'The gateway is at its concurrency limit for the model.',
  },
  aborted: { retryable: false, summary: 'The caller aborted the request.' },
  internal: { retryable: false, summary: 'An unexpected internal error.' },
} as const satisfies Record<string, { retryable: boolean; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
