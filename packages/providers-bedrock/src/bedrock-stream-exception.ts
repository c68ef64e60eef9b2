import { LLMRouterError } from '@llmrouter/errors';

/**
 * The exception a stream event may carry (`modelStreamErrorException`, `throttlingException`, …) when
 * the SDK hands it over as a member of the event instead of throwing it, as an Error the error mapper
 * reads like any other SDK exception.
 */
export function bedrockStreamException(event: object): Error | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('Exception') && value) {
      const name = key[0]!.toUpperCase() + key.slice(1);
      return Object.assign(new Error((value as { message?: string }).message ?? name), {
        name,
        $fault: 'server',
      });
    }
  }
  return undefined;
}

/** A Bedrock stream that ended before its model said it was done (`ending` names the missing event). */
export function bedrockStreamCutOff(
  call: { context: { modelId: string }; region: string },
  requestId: string | undefined,
  ending: string,
): LLMRouterError {
  return new LLMRouterError({
    code: 'provider_stream_interrupted',
    message: `The Bedrock stream for ${call.context.modelId} ended before ${ending}.`,
    hint: 'The connection dropped mid-answer; retry the request.',
    provider: 'bedrock',
    modelId: call.context.modelId,
    details: { region: call.region, requestId },
  });
}
