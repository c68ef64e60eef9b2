import type { ErrorCode } from '@llmrouter/errors';

/**
 * The HTTP status the gateway answers with for each error code: the one place codes become statuses.
 * `satisfies` makes a new code a compile error here until it has a status.
 */
export const HTTP_STATUS = {
  config_invalid: 500,
  config_not_found: 500,
  provider_unknown: 500,
  provider_sdk_missing: 500,
  provider_credentials_missing: 500,
  provider_auth: 502,
  model_not_found: 404,
  model_access_denied: 403,
  model_requires_inference_profile: 400,
  model_not_ready: 503,
  region_unavailable: 400,
  provider_rate_limited: 429,
  provider_timeout: 504,
  provider_unavailable: 503,
  provider_bad_request: 400,
  provider_response_invalid: 502,
  provider_stream_interrupted: 502,
  context_length_exceeded: 400,
  content_filtered: 400,
  request_invalid: 400,
  request_too_large: 413,
  unauthorized: 401,
  unsupported_feature: 400,
  no_route: 400,
  all_targets_failed: 502,
  overloaded: 429,
  aborted: 499,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export function httpStatus(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
