export { caughtError } from './caught-error';
export {
  type ConformanceFailureCase,
  type ConformanceHarness,
  type ConformanceTarget,
  runChatModelConformance,
} from './chat-model-conformance';
export { collectStream } from './collect-stream';
