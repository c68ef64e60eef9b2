import { LLMRouterError } from '@llmrouter/errors';

/** The LLMRouterError a call rejects with; anything else, or success, fails the test. */
export async function caughtError(promise: Promise<unknown>): Promise<LLMRouterError> {
  try {
    await promise;
  } catch (error) {
    if (LLMRouterError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
