import { type ErrorCode, LLMRouterError } from '@llmrouter/errors';

interface ErrorPayload {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  status?: unknown;
  error?: unknown;
}

const BY_TYPE: ReadonlyArray<[RegExp, ErrorCode, string]> = [
  [/context|too[_ ]long|max.*tokens/i, 'context_length_exceeded', 'Shorten the prompt or lower maxTokens.'],
  [/rate[_ ]?limit|429|too many requests/i, 'provider_rate_limited', 'Slow down or add keys to api_keys.'],
  [
    /overload|unavailable|capacity|server[_ ]error|api[_ ]error|internal|5\d\d/i,
    'provider_unavailable',
    'The upstream failed mid-answer; retry later.',
  ],
  [/auth|401|api[_ ]key/i, 'provider_auth', 'Check the API key for this provider.'],
  [/content[_ ]filter|safety|policy/i, 'content_filtered', 'Rephrase the request.'],
  [
    /invalid[_ ]request|400|bad[_ ]request/i,
    'provider_bad_request',
    'Fix the request the upstream rejected.',
  ],
];

/**
 * An `error` the upstream sent inside an open stream (OpenAI `{"error": {…}}`, Anthropic
 * `event: error`). Known types map to their code; anything else is an interruption of the stream.
 */
export function mapStreamErrorPayload(
  payload: unknown,
  context: { provider: string; displayName: string; modelId: string },
): LLMRouterError {
  const record = (
    typeof payload === 'object' && payload !== null ? payload : { message: payload }
  ) as ErrorPayload;
  const inner = (
    typeof record.error === 'object' && record.error !== null ? record.error : record
  ) as ErrorPayload;
  const message = typeof inner.message === 'string' ? inner.message : JSON.stringify(payload).slice(0, 200);
  const kind = [inner.type, inner.code, inner.status]
    .filter((item) => item !== undefined && item !== null)
    .join(' ');
  const match = BY_TYPE.find(([pattern]) => pattern.test(kind) || (kind === '' && pattern.test(message)));
  const [, code, hint] = match ?? [
    undefined,
    'provider_stream_interrupted' as const,
    'The upstream failed mid-answer; retry the request.',
  ];
  return new LLMRouterError({
    code,
    message: `${context.displayName} reported an error inside the stream: ${message}`,
    hint,
    provider: context.provider,
    modelId: context.modelId,
    details: { upstreamType: kind || undefined },
  });
}
