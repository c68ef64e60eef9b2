export { type AnthropicProviderSettings, createAnthropicProvider } from './anthropic-provider';
export type { AuthMode, HttpLogger, HttpTransportSettings } from './http-settings';
export {
  type OpenAICompatibleKind,
  type OpenAICompatiblePreset,
  openAICompatiblePresets,
} from './openai-compatible-presets';
export {
  createOpenAICompatibleProvider,
  type HttpProviderV1,
  type OpenAICompatibleProviderSettings,
} from './openai-compatible-provider';
export { type ParseApiKeysOptions, parseApiKeys } from './parse-api-keys';
export { VERSION } from './version';
