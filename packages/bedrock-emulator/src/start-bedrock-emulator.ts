import type { BedrockEmulator, BedrockEmulatorOptions } from './bedrock-emulator-types.js';
import { BedrockFaultRegistry } from './bedrock-fault-registry.js';
import { mergeModelTable } from './bedrock-model-table.js';
import { listenDualProtocol } from './dual-protocol-listener.js';
import type { EmulatorState } from './emulator-state.js';
import { handleBedrockRequest } from './handle-bedrock-request.js';

/**
 * Starts a Bedrock Runtime emulator on a loopback port. Point any AWS SDK at `emulator.url` (the
 * client's `endpoint`, or `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`) and it answers Converse, ConverseStream,
 * InvokeModel and InvokeModelWithResponseStream over HTTP/1.1 and cleartext HTTP/2.
 */
export async function startBedrockEmulator(options: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
  const host = options.host ?? '127.0.0.1';
  const closing = new AbortController();
  const state: EmulatorState = {
    settings: {
      region: options.region ?? 'us-east-1',
      latencyMs: options.latencyMs ?? 0,
      timeToFirstTokenMs: options.timeToFirstTokenMs ?? 0,
      tokensPerSecond: options.tokensPerSecond,
      requireAuth: options.requireAuth ?? true,
      replyTokens: options.replyTokens,
      arnModels: options.arnModels ?? {},
      keepRequests: options.keepRequests ?? 1000,
    },
    models: mergeModelTable(options.models),
    requests: [],
    faults: new BedrockFaultRegistry(),
    promptCache: new Set(),
    closing: closing.signal,
  };

  const listener = await listenDualProtocol(host, options.port ?? 0, (request, response) => {
    void handleBedrockRequest(state, request, response, () => listener.drop(request, response));
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${listener.port}`,
    port: listener.port,
    requests: state.requests,
    models: state.models,
    inject: (fault) => state.faults.inject(fault),
    clearFaults: () => state.faults.clear(),
    reset() {
      state.requests.length = 0;
      state.faults.clear();
      state.promptCache.clear();
    },
    close() {
      if (!closed) {
        closing.abort();
        // One turn of the event loop lets the HTTP/2 stream resets go out before the sockets close.
        closed = new Promise<void>((resolve) => setImmediate(resolve)).then(() => listener.close());
      }
      return closed;
    },
  };
}
