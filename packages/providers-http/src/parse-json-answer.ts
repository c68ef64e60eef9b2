import { LLMRouterError } from '@llmrouter/errors';

/** Who answered, for the error when the answer is unreadable. */
export interface AnswerSource {
  displayName: string;
  url: string;
  kind: string;
  modelId: string;
  /** What the user should check, in the vendor's terms. */
  hint: string;
}

/**
 * Parses a non-streamed answer and checks it has the array every reader of it needs (`choices`,
 * `content`). Anything else is `provider_response_invalid`, quoting the start of what arrived.
 */
export function parseJsonAnswer<T>(text: string, requiredArray: string, source: AnswerSource): T {
  const invalid = (what: string, cause?: unknown) =>
    new LLMRouterError({
      code: 'provider_response_invalid',
      message: `${source.displayName} (${source.url}) sent ${what}: ${text.slice(0, 120)}`,
      hint: source.hint,
      provider: source.kind,
      modelId: source.modelId,
      cause,
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid('an answer that is not JSON', cause);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !Array.isArray((parsed as Record<string, unknown>)[requiredArray])
  ) {
    throw invalid(`JSON without "${requiredArray}"`);
  }
  return parsed as T;
}
