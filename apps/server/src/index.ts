export { createGateway, type Gateway, type GatewayOptions } from './create-gateway';
export type { GatewayContext, GatewayEnv } from './gateway-context';
export * from './runtime/index';
export { type DemoGateway, type DemoGatewayOptions, startDemoGateway } from './start-demo-gateway';
export { closeOnSignals, type RunningGateway, type StartGatewayOptions, startGateway } from './start-gateway';
