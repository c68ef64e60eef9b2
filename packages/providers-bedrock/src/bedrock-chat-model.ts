import type {
  CallOptionsV1,
  ChatModelV1,
  ChatRequestV1,
  ChatResultV1,
  ModelCapabilitiesV1,
  StreamPartV1,
  WarningV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { BedrockCall, type BedrockModelContext, capabilitiesOf } from './bedrock-call';
import { converseGenerate, converseStream } from './bedrock-converse';
import { invokeGenerate, invokeStream } from './bedrock-invoke-chat';
import { type BedrockRequestOptions, readBedrockRequestOptions } from './bedrock-provider-options';
import { prepareBedrockConverse } from './prepare-bedrock-converse';

/**
 * A Bedrock chat model. Converse and ConverseStream serve every model that supports them; InvokeModel
 * with the family's native body serves the rest, or any model when `providerOptions.bedrock.api` is
 * `invoke`.
 */
export class BedrockChatModel implements ChatModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'bedrock';
  readonly modelId: string;
  readonly capabilities: Partial<ModelCapabilitiesV1>;

  constructor(private readonly context: BedrockModelContext) {
    this.modelId = context.modelId;
    this.capabilities = capabilitiesOf(context.catalog) ?? {};
  }

  private useInvoke(api: 'converse' | 'invoke' | undefined): boolean {
    if (api !== undefined) return api === 'invoke';
    return this.context.catalog !== undefined && !this.context.catalog.capabilities.converse;
  }

  async generate(request: ChatRequestV1, options?: CallOptionsV1): Promise<ChatResultV1> {
    const warnings: WarningV1[] = [];
    const bedrockOptions = readBedrockRequestOptions(request.providerOptions, warnings);
    if (this.useInvoke(bedrockOptions.api)) {
      return invokeGenerate(
        new BedrockCall(this.context, 'InvokeModel', options),
        request,
        bedrockOptions,
        warnings,
      );
    }
    const input = prepareBedrockConverse(request, this.context.catalog, bedrockOptions, warnings);
    return converseGenerate(new BedrockCall(this.context, 'Converse', options), input, warnings);
  }

  // A plain method returning the one generator that does the work: a second generator layer around it
  // would cost a promise round trip per token (see bench/bedrock-stream).
  stream(request: ChatRequestV1, options?: CallOptionsV1): AsyncGenerator<StreamPartV1> {
    const warnings: WarningV1[] = [];
    const catalog = this.context.catalog;
    let bedrockOptions: BedrockRequestOptions;
    try {
      bedrockOptions = readBedrockRequestOptions(request.providerOptions, warnings);
      if (catalog && !catalog.capabilities.streaming) {
        throw new LLMRouterError({
          code: 'unsupported_feature',
          message: `${catalog.name} does not stream on Bedrock.`,
          hint: 'Call generate instead of stream for this model.',
          provider: 'bedrock',
          modelId: this.modelId,
        });
      }
    } catch (error) {
      return rejectedStream(error);
    }
    if (this.useInvoke(bedrockOptions.api)) {
      return invokeStream(
        new BedrockCall(this.context, 'InvokeModelWithResponseStream', options),
        request,
        bedrockOptions,
        warnings,
      );
    }
    const prepare = () => prepareBedrockConverse(request, catalog, bedrockOptions, warnings);
    return converseStream(new BedrockCall(this.context, 'ConverseStream', options), prepare, warnings);
  }
}

/** Errors found before the call reject the first next(), as the spec asks, not the stream() call. */
// biome-ignore lint/correctness/useYield: it only throws, on the first next()
async function* rejectedStream(error: unknown): AsyncGenerator<StreamPartV1> {
  throw error;
}
