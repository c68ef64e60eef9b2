import type { BedrockEmulator } from '@llmrouter/bedrock-emulator';
import { loadConfigFile } from '@llmrouter/core';
import { createRuntime } from './runtime/create-runtime';
import type { GatewayLogger } from './runtime/gateway-logger';
import { type RunningGateway, startGateway } from './start-gateway';

export interface DemoGatewayOptions {
  configPath: string;
  host?: string;
  port?: number;
  logger?: GatewayLogger;
  showModelPrefix?: boolean;
}

export interface DemoGateway {
  gateway: RunningGateway;
  emulator: BedrockEmulator;
  close(): Promise<void>;
}

// Credentials for the emulator only: it checks their form, never their signature, and they reach no AWS.
const DEMO_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATORDEMO0000',
  secretAccessKey: 'emulator-demo-secret-key-not-for-aws',
};

/**
 * The gateway on a config whose Bedrock models are answered by the Bedrock emulator, started in the same
 * process: `pnpm start` works on a machine with no AWS account and no network.
 */
export async function startDemoGateway(options: DemoGatewayOptions): Promise<DemoGateway> {
  // Loaded here, not at import: a gateway serving a real config never pays for the emulator.
  const { startBedrockEmulator } = await import('@llmrouter/bedrock-emulator');
  // It records no requests: nothing reads them here, and a demo left serving must not collect them.
  const emulator = await startBedrockEmulator({
    timeToFirstTokenMs: 120,
    tokensPerSecond: 120,
    keepRequests: 0,
  });
  try {
    const loaded = await loadConfigFile(options.configPath);
    const runtime = await createRuntime({
      loaded,
      providerOverrides: { bedrock: { endpoint: emulator.url, ...DEMO_CREDENTIALS } },
    });
    const gateway = await startGateway({
      runtime,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.showModelPrefix === undefined ? {} : { showModelPrefix: options.showModelPrefix }),
    });
    return {
      gateway,
      emulator,
      async close() {
        await gateway.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
