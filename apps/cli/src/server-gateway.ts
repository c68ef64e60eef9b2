/** The gateway itself, for `serve` only (see server-parts.ts for why these are imported by module). */
export { createConsoleLogger } from '@llmrouter/server/src/runtime/gateway-logger';
export { tuneHeapForGateway } from '@llmrouter/server/src/runtime/tune-heap';
export { startDemoGateway } from '@llmrouter/server/src/start-demo-gateway';
export { type RunningGateway, startGateway } from '@llmrouter/server/src/start-gateway';
