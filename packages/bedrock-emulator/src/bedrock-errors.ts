/**
 * Bedrock's error wire format (REST-JSON): a status code, an `x-amzn-errortype` header naming the
 * exception, and a JSON body with a `message`. The texts below are the ones AWS sends.
 */
export class BedrockError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    readonly extraHeaders: Record<string, string> = {},
    readonly extraFields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = errorType;
  }

  /** Coral names common (non-Bedrock) errors in the service namespace, Bedrock's own in bedrock's. */
  get errorTypeHeader(): string {
    const namespace = COMMON_ERRORS.has(this.errorType) ? 'com.amazon.coral.service' : 'com.amazon.bedrock';
    return `${this.errorType}:http://internal.amazon.com/coral/${namespace}/`;
  }

  get body(): string {
    return JSON.stringify({ message: this.message, ...this.extraFields });
  }
}

const COMMON_ERRORS = new Set([
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'MissingAuthenticationTokenException',
  'SerializationException',
  'UnknownOperationException',
]);

export const INVALID_MODEL_MESSAGE = 'The provided model identifier is invalid.';

export const bedrockErrors = {
  throttling: (retryAfterSeconds?: number) =>
    new BedrockError(
      'ThrottlingException',
      429,
      'Too many requests, please wait before trying again.',
      retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    ),
  accessDenied: () =>
    new BedrockError(
      'AccessDeniedException',
      403,
      "You don't have access to the model with the specified model ID.",
    ),
  invalidModel: () => new BedrockError('ValidationException', 400, INVALID_MODEL_MESSAGE),
  onDemandUnsupported: (modelId: string) =>
    new BedrockError(
      'ValidationException',
      400,
      `Invocation of model ID ${modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    ),
  endOfLife: () =>
    new BedrockError(
      'ResourceNotFoundException',
      404,
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    ),
  expiredToken: () =>
    new BedrockError('ExpiredTokenException', 403, 'The security token included in the request is expired'),
  invalidCredentials: () =>
    new BedrockError(
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    ),
  missingAuthentication: () =>
    new BedrockError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'),
  modelNotReady: () =>
    new BedrockError(
      'ModelNotReadyException',
      429,
      'Model is not ready for inference. Wait and try your request again. Refer to the documentation for more details.',
    ),
  serviceUnavailable: () =>
    new BedrockError('ServiceUnavailableException', 503, 'Bedrock is unable to process your request.'),
  internal: () =>
    new BedrockError(
      'InternalServerException',
      500,
      'The system encountered an unexpected error during processing. Try your request again.',
    ),
  validation: (message: string) => new BedrockError('ValidationException', 400, message),
  serialization: () =>
    new BedrockError('SerializationException', 400, 'Unable to parse the request body as JSON.'),
  unknownOperation: () => new BedrockError('UnknownOperationException', 404, 'Not Found'),
  promptCachingUnsupported: () =>
    new BedrockError(
      'AccessDeniedException',
      403,
      'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
    ),
};

/** Converse validation texts, as Bedrock words them. */
export const converseMessages = {
  converseUnsupported:
    "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
  systemUnsupported:
    "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
  toolsUnsupported: "This model doesn't support tool use.",
  toolConfigRequired:
    'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
  mustStartWithUser:
    'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
  mustAlternate:
    'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
  blankText: (path: string) =>
    `The text field in the ContentBlock object at ${path} is blank. Add text to the text field, and try again.`,
  streamingUnsupported: 'The model is unsupported for streaming.',
  malformed: (detail: string) =>
    `Malformed input request: ${detail}, please reformat your input and try again.`,
};

/** Default message of each exception Bedrock can send inside an event stream. */
export const streamExceptionDefaults = {
  modelStreamErrorException: {
    status: 424,
    message: 'The system encountered an unexpected error during processing. Try your request again.',
  },
  internalServerException: {
    status: 500,
    message: 'The system encountered an unexpected error during processing. Try your request again.',
  },
  throttlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  validationException: { status: 400, message: 'The model returned a response that failed validation.' },
  serviceUnavailableException: { status: 503, message: 'Bedrock is unable to process your request.' },
} as const;
