import type { ErrorCode } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BedrockConnectTimeoutError } from './bedrock-http-handler';
import { type BedrockErrorContext, mapBedrockError } from './map-bedrock-error';

const context: BedrockErrorContext = {
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  region: 'us-east-1',
  phase: 'request',
};
const aws = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
  });

describe('mapBedrockError', () => {
  it.each<[unknown, Partial<BedrockErrorContext>, ErrorCode, RegExp]>([
    [
      aws('AccessDeniedException', "You don't have access to the model with the specified model ID.", 403),
      {},
      'model_access_denied',
      /Model access/,
    ],
    [
      aws(
        'AccessDeniedException',
        'User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:InvokeModel',
        403,
      ),
      {},
      'model_access_denied',
      /IAM policy/,
    ],
    [
      aws('ValidationException', 'The provided model identifier is invalid.'),
      { modelId: 'anthropic.claude-9' },
      'model_not_found',
      /Did you mean/,
    ],
    [
      aws('ValidationException', 'The provided model identifier is invalid.'),
      { modelId: 'arn:aws:bedrock:us-east-1:123456789012:widget/x' },
      'model_not_found',
      /The id is malformed \(unknown Bedrock ARN resource type/,
    ],
    [
      // A Marketplace endpoint's ARN is well formed: the hint must not call it malformed.
      aws('ValidationException', 'The provided model identifier is invalid.'),
      { modelId: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint' },
      'model_not_found',
      /^(?![\s\S]*malformed)[\s\S]*Did you mean/,
    ],
    [
      aws('ValidationException', 'The provided model identifier is invalid.'),
      { region: 'eu-north-1', modelId: 'anthropic.claude-3-opus-20240229-v1:0' },
      'region_unavailable',
      /us-west-2/,
    ],
    [
      aws(
        'ValidationException',
        'Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn’t supported.',
      ),
      { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', inferenceProfileFallback: false },
      'model_requires_inference_profile',
      /us\.anthropic\.claude-sonnet-4-5/,
    ],
    [
      aws('ValidationException', 'Input is too long for requested model.'),
      {},
      'context_length_exceeded',
      /Shorten/,
    ],
    [aws('ValidationException', 'messages: field required'), {}, 'provider_bad_request', /AWS message/],
    [
      aws('ThrottlingException', 'Too many tokens, please wait before trying again.', 429),
      {},
      'provider_rate_limited',
      /quota/,
    ],
    [
      aws('ServiceQuotaExceededException', 'Quota exceeded', 400),
      {},
      'provider_rate_limited',
      /Service Quotas/,
    ],
    [aws('ModelTimeoutException', 'Model timed out', 408), {}, 'provider_timeout', /maxTokens/],
    [aws('ModelNotReadyException', 'Model is not ready for inference.', 429), {}, 'model_not_ready', /retry/],
    [
      aws('ModelStreamErrorException', 'boom', 424),
      { phase: 'stream' },
      'provider_stream_interrupted',
      /retry/,
    ],
    [
      aws('InternalServerException', 'boom', 500),
      { phase: 'stream' },
      'provider_stream_interrupted',
      /retry/,
    ],
    [
      aws('ExpiredTokenException', 'The security token included in the request is expired', 403),
      {},
      'provider_auth',
      /expired/,
    ],
    [
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      {},
      'provider_credentials_missing',
      /IAM role/,
    ],
    [new BedrockConnectTimeoutError(250), {}, 'provider_timeout', /connectTimeoutMs/],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      {},
      'provider_unavailable',
      /network/,
    ],
    [
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
      { phase: 'stream' },
      'provider_stream_interrupted',
      /retry/,
    ],
    [
      new Error('aborted'),
      { abortReason: 'first-byte', firstByteTimeoutMs: 100 },
      'provider_timeout',
      /firstByteTimeoutMs/,
    ],
    [new Error('aborted'), { abortReason: 'overall', timeoutMs: 100 }, 'provider_timeout', /timeoutMs/],
    [new Error('aborted'), { abortReason: 'caller' }, 'aborted', /aborted/],
  ])('maps %s', (error, extra, code, hint) => {
    const mapped = mapBedrockError(error, { ...context, ...extra });
    expect(mapped.code).toBe(code);
    expect(mapped.hint).toMatch(hint);
    expect(mapped.provider).toBe('bedrock');
  });

  it('keeps the AWS message and request id', () => {
    const mapped = mapBedrockError(aws('ValidationException', 'temperature: must be at most 1'), context);
    expect(mapped.message).toContain('temperature: must be at most 1');
    expect(mapped.details).toMatchObject({
      requestId: 'req-1',
      region: 'us-east-1',
      awsError: 'ValidationException',
    });
  });

  it('property: anything thrown maps to an error with a code and a hint, never throws', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom<'request' | 'stream'>('request', 'stream'),
        (thrown, phase) => {
          const mapped = mapBedrockError(thrown, { ...context, phase });
          expect(mapped.code.length).toBeGreaterThan(0);
          expect(mapped.hint.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
