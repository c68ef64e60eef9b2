export { inferenceProfileIdFor } from './bedrock-inference-profile';
export {
  type BedrockCatalogModel,
  type BedrockModelCapabilities,
  type BedrockModelFamily,
  bedrockModelCatalog,
} from './bedrock-model-catalog';
export { type InferenceProfileGeo, type ParsedBedrockModelId, parseBedrockModelId } from './bedrock-model-id';
export type { BedrockModelId } from './bedrock-model-id-type';
export { type BedrockProvider, createBedrockProvider } from './bedrock-provider';
export type { BedrockRequestOptions } from './bedrock-provider-options';
export type {
  BedrockCredentialProvider,
  BedrockCredentials,
  BedrockLogger,
  BedrockProviderSettings,
} from './bedrock-provider-settings';
export {
  type BedrockCredentialSource,
  type BedrockCredentialSourceKind,
  describeBedrockCredentialSource,
} from './describe-bedrock-credential-source';
export { closestBedrockModelIds, findBedrockModel } from './find-bedrock-model';
export { VERSION } from './version';
