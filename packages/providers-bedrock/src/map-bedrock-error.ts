import { type ErrorCode, LLMRouterError } from '@llmrouter/errors';
import { BedrockConnectTimeoutError } from './bedrock-http-handler';
import { inferenceProfileIdFor } from './bedrock-inference-profile';
import { checkBedrockModelId } from './bedrock-model-id';
import { COMMON_BEDROCK_MODEL_IDS, closestBedrockModelIds, findBedrockModel } from './find-bedrock-model';

export interface BedrockErrorContext {
  modelId: string;
  region: string;
  /** `stream` once the first part was yielded: a failure then interrupts an answer already under way. */
  phase: 'request' | 'stream';
  /** Why our own abort fired, when it did. */
  abortReason?: 'caller' | 'first-byte' | 'overall' | undefined;
  firstByteTimeoutMs?: number | undefined;
  timeoutMs?: number | undefined;
  inferenceProfileFallback?: boolean | undefined;
}

interface AwsErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
}

// AWS writes this message with a typographic apostrophe; match both.
const ON_DEMAND = /on-demand throughput isn.t supported/i;
const INVALID_ID = /model identifier is invalid|model not found|could not resolve the foundation model/i;
const REGION =
  /not (?:available|supported|offered) in (?:this|the) region|isn.t (?:available|supported) in (?:this|the) region/i;
const TOO_LONG = /too long|too many (input )?tokens|exceeds? the (maximum|context)|context (window|length)/i;
const NETWORK =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|ERR_HTTP2_\w+)$/;

function retryAfterMs(error: AwsErrorShape): number | undefined {
  const header =
    error.$response?.headers?.['retry-after'] ?? error.$response?.headers?.['x-amzn-retry-after'];
  if (typeof header !== 'string') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function regionsHint(modelId: string, region: string): string {
  const model = findBedrockModel(modelId);
  if (!model)
    return `Check the Bedrock console's model catalog for the regions that offer ${modelId}, then set region to one of them.`;
  const profile = inferenceProfileIdFor(modelId, region);
  const regions = model.regions.slice(0, 8).join(', ');
  return `${model.name} is offered in: ${regions}. Set region to one of them${profile ? ` or call the inference profile ${profile}` : ''}.`;
}

function modelNotFoundHint(modelId: string): string {
  const problem = checkBedrockModelId(modelId);
  const closest = closestBedrockModelIds(modelId, 3);
  const common = COMMON_BEDROCK_MODEL_IDS.filter((id) => !closest.includes(id)).slice(0, 3);
  return `${problem ? `The id is malformed (${problem}). ` : ''}Did you mean ${closest.join(', ')}? Common ids: ${common.join(', ')}. Run \`llmrouter models --provider bedrock\` for the full list.`;
}

/** String() throws for objects whose toString is not a function; a thrown value may be anything. */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Turns anything the AWS SDK (or our own timers) throws into an LLMRouterError with a fix-it hint. */
export function mapBedrockError(error: unknown, context: BedrockErrorContext): LLMRouterError {
  const aws = (
    typeof error === 'object' && error !== null ? error : { message: safeString(error) }
  ) as AwsErrorShape;
  const name = typeof aws.name === 'string' ? aws.name : 'Error';
  const message = typeof aws.message === 'string' ? aws.message : safeString(error);
  const { modelId, region } = context;
  const requestId = typeof aws.$metadata?.requestId === 'string' ? aws.$metadata.requestId : undefined;
  const status = typeof aws.$metadata?.httpStatusCode === 'number' ? aws.$metadata.httpStatusCode : 0;
  const make = (
    code: ErrorCode,
    text: string,
    hint: string,
    extra: { retryable?: boolean; retryAfterMs?: number | undefined } = {},
  ) =>
    new LLMRouterError({
      code,
      message: text,
      hint,
      provider: 'bedrock',
      modelId,
      cause: error,
      details: {
        region,
        awsError: name,
        ...(requestId ? { requestId } : {}),
        ...(status ? { status } : {}),
      },
      ...(extra.retryable === undefined ? {} : { retryable: extra.retryable }),
      ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
    });
  const said = `Bedrock (${region}) said: ${name}: ${message}`;

  // Our own abort explains whatever the SDK threw after it (an ended stream, a reset socket).
  if (context.abortReason === 'caller')
    return make(
      'aborted',
      `The call to ${modelId} was aborted.`,
      'The caller aborted the request; nothing to fix.',
    );
  if (context.abortReason === 'first-byte') {
    return make(
      'provider_timeout',
      `Bedrock sent no answer for ${modelId} within firstByteTimeoutMs (${context.firstByteTimeoutMs} ms).`,
      `Raise firstByteTimeoutMs (now ${context.firstByteTimeoutMs} ms) in the Bedrock provider settings, or use a faster model.`,
    );
  }
  if (context.abortReason === 'overall') {
    return make(
      'provider_timeout',
      `The call to ${modelId} did not finish within timeoutMs (${context.timeoutMs} ms).`,
      `Raise timeoutMs (now ${context.timeoutMs} ms) in the Bedrock provider settings, or lower maxTokens.`,
    );
  }
  if (LLMRouterError.is(error)) return error;
  if (
    error instanceof BedrockConnectTimeoutError ||
    name === 'BedrockConnectTimeoutError' ||
    /without establishing a connection/i.test(message)
  ) {
    return make(
      'provider_timeout',
      `Could not connect to Bedrock in ${region}: ${message}`,
      'Raise connectTimeoutMs in the Bedrock provider settings, or check the network path to bedrock-runtime (proxy, VPC endpoint, firewall).',
    );
  }
  if (
    name === 'CredentialsProviderError' ||
    name === 'TokenProviderError' ||
    /could not load credentials/i.test(message)
  ) {
    return make(
      'provider_credentials_missing',
      `No AWS credentials found for Bedrock: ${message}`,
      'Configure credentials one of three ways: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK), ~/.aws/credentials with a profile (`aws configure`, AWS_PROFILE or the profile setting), or an IAM role (EC2 instance profile, ECS task role, Lambda, EKS).',
    );
  }
  switch (name) {
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return make(
        'provider_auth',
        `${said}`,
        'Your AWS credentials expired: refresh them (`aws sso login`, re-assume the role, or export new AWS_SESSION_TOKEN / AWS_BEARER_TOKEN_BEDROCK values).',
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'IncompleteSignatureException':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
      return make(
        'provider_auth',
        `${said}`,
        'AWS rejected the credentials: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or the profile, or the Bedrock API key) and that they belong to an active IAM user or role.',
      );
    case 'AccessDeniedException':
      if (/not authorized to perform/i.test(message)) {
        return make(
          'model_access_denied',
          said,
          `Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the model and inference-profile ARNs in your IAM policy (see docs/aws-credentials.md).`,
        );
      }
      return make(
        'model_access_denied',
        said,
        `Enable access to ${modelId} in the Bedrock console (Model access, region ${region}) and allow bedrock:InvokeModel on it in IAM.`,
      );
    case 'ResourceNotFoundException':
      if (REGION.test(message)) return make('region_unavailable', said, regionsHint(modelId, region));
      return make('model_not_found', said, modelNotFoundHint(modelId));
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return make(
        'provider_rate_limited',
        said,
        'Bedrock throttled the request: retry after a pause, spread load across regions with an inference profile, or request a higher quota in Service Quotas.',
        { retryAfterMs: retryAfterMs(aws) },
      );
    case 'ServiceQuotaExceededException':
      return make(
        'provider_rate_limited',
        said,
        'A Bedrock quota is exhausted: request an increase in the Service Quotas console (Amazon Bedrock) or lower maxTokens.',
        { retryAfterMs: retryAfterMs(aws) },
      );
    case 'ModelNotReadyException':
      return make(
        'model_not_ready',
        said,
        'The model is still loading: retry in a few seconds (the SDK retries up to maxRetries times).',
      );
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'InternalFailure':
    case 'ModelErrorException':
      if (context.phase === 'stream')
        return make('provider_stream_interrupted', said, 'Bedrock failed mid-answer; retry the request.');
      return make(
        'provider_unavailable',
        said,
        'Bedrock is failing or overloaded: retry shortly, or fail over to another region or model.',
      );
    case 'ModelTimeoutException':
      return make(
        'provider_timeout',
        said,
        'The model took too long: lower maxTokens or shorten the prompt, or retry.',
      );
    case 'ModelStreamErrorException':
      return make('provider_stream_interrupted', said, 'The model failed mid-stream; retry the request.');
    case 'ValidationException':
      if (ON_DEMAND.test(message)) {
        const profile = inferenceProfileIdFor(modelId, region);
        const how = context.inferenceProfileFallback === false ? ' (inferenceProfileFallback is off)' : '';
        return make(
          'model_requires_inference_profile',
          said,
          profile
            ? `Use the inference profile id ${profile} as the model id${how}.`
            : `Use an inference profile id (us./eu./apac./global. + the model id) or its ARN${how}.`,
        );
      }
      if (REGION.test(message)) return make('region_unavailable', said, regionsHint(modelId, region));
      if (INVALID_ID.test(message)) {
        // A catalog id is well formed and exists, so Bedrock calling it invalid means this region lacks it.
        if (findBedrockModel(modelId)) return make('region_unavailable', said, regionsHint(modelId, region));
        return make('model_not_found', said, modelNotFoundHint(modelId));
      }
      if (TOO_LONG.test(message))
        return make(
          'context_length_exceeded',
          said,
          'Shorten the prompt or the history, or choose a model with a larger context window.',
        );
      return make(
        'provider_bad_request',
        said,
        'Fix the request as the AWS message says (see docs/bedrock.md for the Converse rules).',
      );
  }
  if (name === 'AbortError')
    return make(
      'aborted',
      `The call to ${modelId} was aborted.`,
      'The caller aborted the request; nothing to fix.',
    );
  if (
    NETWORK.test(typeof aws.code === 'string' ? aws.code : '') ||
    /socket hang up|premature close|aborted|did not get a response|stream.*(closed|reset|destroyed)|ECONNRESET|ECONNREFUSED|terminated/i.test(
      message,
    )
  ) {
    if (context.phase === 'stream')
      return make(
        'provider_stream_interrupted',
        `The Bedrock stream for ${modelId} broke off: ${message}`,
        'The connection dropped mid-answer; retry the request.',
      );
    return make(
      'provider_unavailable',
      `Could not reach Bedrock in ${region}: ${message}`,
      'Check the network path to bedrock-runtime (endpoint, proxy, VPC endpoint) and retry.',
    );
  }
  // The SDK names resets "TimeoutError" too (it retries both), so only a real timeout lands here.
  if (name === 'TimeoutError' || name === 'RequestTimeout')
    return make(
      'provider_timeout',
      `Bedrock timed out: ${message}`,
      'Raise timeoutMs or firstByteTimeoutMs in the Bedrock provider settings.',
    );
  if (aws.$fault === 'server' || status >= 500) {
    if (context.phase === 'stream')
      return make('provider_stream_interrupted', said, 'Bedrock failed mid-answer; retry the request.');
    return make(
      'provider_unavailable',
      said,
      'Bedrock is failing: retry shortly, or fail over to another region or model.',
    );
  }
  if (aws.$fault === 'client')
    return make('provider_bad_request', said, 'Fix the request as the AWS message says.');
  if (context.phase === 'stream')
    return make(
      'provider_stream_interrupted',
      `The Bedrock stream for ${modelId} failed: ${name}: ${message}`,
      'Retry the request.',
    );
  return make(
    'provider_response_invalid',
    `Unexpected failure calling Bedrock: ${name}: ${message}`,
    'Retry; if it persists, run with a debug logger and report the request id.',
  );
}
