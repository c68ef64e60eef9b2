// The gateway's runtime without Hono or ws: what the CLI needs to route and call models.
export {
  type GeneratedChat,
  generateChat,
  type RoutedChat,
  type RouteInput,
  routeChat,
  type StartedStream,
  startChatStream,
} from './chat-pipeline';
export { createRuntime, type Runtime, type RuntimeOptions, registerDefaultProviders } from './create-runtime';
export { createConsoleLogger, createSilentLogger, type GatewayLogger } from './gateway-logger';
export { GATEWAY_HEAP_GROWING_PERCENT, tuneHeapForGateway } from './tune-heap';
