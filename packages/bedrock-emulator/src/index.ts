export type {
  BedrockEmulator,
  BedrockEmulatorOptions,
  BedrockOperation,
  EmulatedModel,
  Fault,
  RecordedRequest,
  StreamExceptionName,
} from './bedrock-emulator-types.js';
export { BUILT_IN_MODELS, type ModelFamily, mergeModelTable, modelFamily } from './bedrock-model-table.js';
export { decodeEvent, encodeEvent, encodeException } from './encode-event-stream.js';
export { startBedrockEmulator } from './start-bedrock-emulator.js';

export const VERSION = '0.1.0';
