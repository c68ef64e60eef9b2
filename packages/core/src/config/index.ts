export {
  BEDROCK_ARN_RESOURCE_TYPES,
  BEDROCK_GEO_PREFIXES,
  type BedrockGeo,
  checkBedrockModelIdForm,
  type ParsedBedrockModelId,
  parseBedrockModelId,
} from './bedrock-model-id';
export { providerKindOf } from './check-references';
export { type ConfigFormat, detectConfigFormat } from './config-formats';
export { type ConfigIssue, closestMatches, editDistance } from './config-issues';
export {
  AUTH_MODES,
  configSchema,
  type EmbedderConfig,
  type LLMRouterConfig,
  type LLMRouterConfigInput,
  type ModelEntry,
  type ProviderEntry,
  type RouterConfig,
  type RuleConfig,
  type ServerConfig,
  TIERS,
  type Tier,
} from './config-schema';
export { type Environment, resolveEnvReferences } from './env-references';
export {
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  loadConfigFile,
  parseConfigText,
} from './load-config';
export { camelCaseKeys, type ResolvedModel, resolveModels } from './resolve-models';
export { serializeConfig } from './serialize-config';
