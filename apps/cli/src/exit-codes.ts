import type { ErrorCode } from '@llmrouter/errors';

/** The command finished and everything it checked or ran succeeded. */
export const EXIT_OK = 0;
/** The command ran, but some of its work failed: a doctor check, a batch item, a question. */
export const EXIT_SOME_FAILED = 1;

/**
 * The one table from error code to process exit code (docs/cli.md lists it). Codes that call for the
 * same fix share an exit code, so scripts can branch on the kind of problem.
 */
export const EXIT_CODES = {
  request_invalid: 2,
  request_too_large: 2,
  unsupported_feature: 2,
  config_invalid: 3,
  config_not_found: 3,
  provider_unknown: 3,
  provider_sdk_missing: 4,
  provider_credentials_missing: 5,
  provider_auth: 5,
  unauthorized: 5,
  model_not_found: 6,
  model_access_denied: 6,
  model_requires_inference_profile: 6,
  region_unavailable: 6,
  model_not_ready: 6,
  provider_rate_limited: 7,
  overloaded: 7,
  provider_timeout: 8,
  provider_unavailable: 9,
  provider_response_invalid: 9,
  provider_stream_interrupted: 9,
  provider_bad_request: 10,
  context_length_exceeded: 10,
  content_filtered: 10,
  no_route: 11,
  all_targets_failed: 11,
  internal: 70,
  aborted: 130,
} as const satisfies Record<ErrorCode, number>;

/** Anything that is not an LLMRouterError is a bug: the same code as `internal`. */
export const EXIT_UNEXPECTED = EXIT_CODES.internal;

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_CODES[code];
}
