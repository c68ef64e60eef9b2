export { createGateway, type Gateway, type GatewayOptions } from './create-gateway';
export type { GatewayContext, GatewayEnv } from './gateway-context';
export { gatewayListener } from './gateway-listener';
export {
  type ParsedChatRequest,
  parseChatRequest,
  parseChatRequestWithSchema,
} from './openai/parse-chat-request';
export * from './runtime/index';
export { type DemoGateway, type DemoGatewayOptions, startDemoGateway } from './start-demo-gateway';
export { closeOnSignals, type RunningGateway, type StartGatewayOptions, startGateway } from './start-gateway';
