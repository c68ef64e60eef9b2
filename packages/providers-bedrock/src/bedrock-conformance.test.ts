import type { BedrockEmulator, Fault } from '@llmrouter/bedrock-emulator';
import { type ConformanceFailureCase, runChatModelConformance } from '@llmrouter/core/testing';
import type { ErrorCode } from '@llmrouter/errors';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BedrockProvider } from './bedrock-provider';
import {
  type AwsSandbox,
  emulatorProvider,
  HAIKU,
  sandboxAwsEnvironment,
  startEmulator,
} from './bedrock-test-support';

// Not in the catalog, so "invalid identifier" can only mean the id is wrong (not the region).
const UNKNOWN_MODEL = 'anthropic.claude-3-haiku-20990101-v1:0';

for (const httpHandler of ['http2', 'http1'] as const) {
  let emulator: BedrockEmulator;
  let slowEmulator: BedrockEmulator;
  let sandbox: AwsSandbox;
  const providers: BedrockProvider[] = [];
  const provider = (target: BedrockEmulator) => {
    const created = emulatorProvider(target, { httpHandler });
    providers.push(created);
    return created;
  };

  beforeAll(async () => {
    sandbox = sandboxAwsEnvironment();
    emulator = await startEmulator();
    slowEmulator = await startEmulator({ tokensPerSecond: 20 });
  });
  afterAll(async () => {
    for (const created of providers) created.close();
    await Promise.all([emulator.close(), slowEmulator.close()]);
    sandbox.restore();
  });

  const failing = (
    name: string,
    fault: Fault,
    expectedCode: ErrorCode,
    modelId = HAIKU,
  ): ConformanceFailureCase => ({
    name,
    expectedCode,
    createModel: () => {
      emulator.clearFaults();
      emulator.inject({ ...fault, times: 2 });
      return provider(emulator).chatModel(modelId);
    },
  });

  runChatModelConformance(
    {
      name: `bedrock over ${httpHandler}`,
      createModel: () => {
        emulator.clearFaults();
        return provider(emulator).chatModel(HAIKU);
      },
      createSlowModel: () => provider(slowEmulator).chatModel(HAIKU),
      failures: [
        failing('throttling', { type: 'throttling' }, 'provider_rate_limited'),
        failing('access-denied', { type: 'access-denied' }, 'model_access_denied'),
        failing('invalid-model', { type: 'invalid-model' }, 'model_not_found', UNKNOWN_MODEL),
        failing('expired-token', { type: 'expired-token' }, 'provider_auth'),
        failing('invalid-credentials', { type: 'invalid-credentials' }, 'provider_auth'),
        failing('region-unavailable', { type: 'region-unavailable' }, 'region_unavailable'),
        failing('model-not-ready', { type: 'model-not-ready' }, 'model_not_ready'),
        failing('service-unavailable', { type: 'service-unavailable' }, 'provider_unavailable'),
        failing('internal-error', { type: 'internal-error' }, 'provider_unavailable'),
        failing(
          'validation',
          {
            type: 'validation',
            message:
              'Malformed input request: #: extraneous key [foo] is not permitted, please reformat your input and try again.',
          },
          'provider_bad_request',
        ),
        failing('drop-connection before the answer', { type: 'drop-connection' }, 'provider_unavailable'),
      ],
    },
    { describe, it },
  );
}
