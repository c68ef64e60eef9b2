import { randomUUID } from 'node:crypto';
import type { BedrockOperation, RecordedRequest } from './bedrock-emulator-types.js';
import { BedrockError, bedrockErrors } from './bedrock-errors.js';
import { BedrockExchange } from './bedrock-exchange.js';
import { type FaultTarget, faultError, isStreaming } from './bedrock-fault-registry.js';
import {
  handleConverse,
  handleConverseStream,
  handleInvoke,
  handleInvokeStream,
  type OperationInput,
} from './bedrock-operations.js';
import type { AnyRequest, AnyResponse } from './dual-protocol-listener.js';
import { type EmulatorState, recordRequest, type StreamFault } from './emulator-state.js';
import { sleep } from './encode-event-stream.js';
import { parseBedrockAuth } from './parse-bedrock-auth.js';
import { resolveBedrockModelId } from './resolve-bedrock-model-id.js';

const OPERATIONS: Record<string, BedrockOperation> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  invoke: 'InvokeModel',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
};

const HANDLERS: Record<BedrockOperation, (input: OperationInput) => void | Promise<void>> = {
  Converse: handleConverse,
  ConverseStream: handleConverseStream,
  InvokeModel: handleInvoke,
  InvokeModelWithResponseStream: handleInvokeStream,
};

/** `/model/{modelId}/{operation}` with the id URL-encoded (ARNs carry `/` and `:`). */
function route(
  method: string | undefined,
  url: string | undefined,
): { operation: BedrockOperation; modelId: string } | undefined {
  if (method !== 'POST') return undefined;
  const match = /^\/model\/([^/]+)\/([a-z-]+)$/.exec((url ?? '').split('?')[0] ?? '');
  const operation = match ? OPERATIONS[match[2] ?? ''] : undefined;
  if (!match || !operation) return undefined;
  try {
    return { operation, modelId: decodeURIComponent(match[1] ?? '') };
  } catch {
    return undefined;
  }
}

function headersOf(request: AnyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 names the host `:authority`; record it as `host` so both protocols read alike.
    if (name === ':authority' && typeof value === 'string') headers.host = value;
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

async function readBody(request: AnyRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return bytes.length === 0 ? undefined : JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Handles one request the way Bedrock does: route, auth, model id, then the operation. It is recorded
 * once routed, whatever the outcome, and injected faults act at the point the real failure would.
 */
export async function handleBedrockRequest(
  state: EmulatorState,
  request: AnyRequest,
  response: AnyResponse,
  dropSocket: () => void,
): Promise<void> {
  const exchange = new BedrockExchange(request, response, randomUUID(), dropSocket, state.closing);
  try {
    const bytes = await readBody(request);
    await sleep(state.settings.latencyMs, exchange.signal);
    const routed = route(request.method, request.url);
    if (!routed) return exchange.sendError(bedrockErrors.unknownOperation());
    const { operation, modelId } = routed;

    const headers = headersOf(request);
    const auth = parseBedrockAuth(headers);
    const region = auth.region ?? state.settings.region;
    const body = parseJson(bytes);
    const resolved = resolveBedrockModelId(modelId, {
      models: state.models,
      region,
      arnModels: state.settings.arnModels,
    });
    const resolvedModel = resolved instanceof BedrockError ? undefined : resolved;
    const recorded: RecordedRequest = {
      operation,
      modelId,
      region,
      httpVersion: request.httpVersion === '2.0' ? '2.0' : '1.1',
      clientPort: request.socket.remotePort ?? 0,
      auth: auth.kind,
      headers,
      body,
      ...(resolvedModel ? { resolvedModelId: resolvedModel.model.id } : {}),
      ...(auth.accessKeyId === undefined ? {} : { accessKeyId: auth.accessKeyId }),
    };
    recordRequest(state, recorded);

    if (auth.error) return exchange.sendError(auth.error);
    if (state.settings.requireAuth && auth.kind === 'none') {
      return exchange.sendError(bedrockErrors.missingAuthentication());
    }

    const target: FaultTarget = {
      operation,
      modelId,
      ...(resolvedModel ? { resolvedModelId: resolvedModel.model.id, kind: resolvedModel.kind } : {}),
    };
    const slow = state.faults.take(target, 'delay');
    if (slow?.type === 'slow') await sleep(slow.delayMs, exchange.signal);
    const early = state.faults.take(target, 'before-response');
    if (early?.type === 'drop-connection') {
      if (isStreaming(operation) || (early.afterEvents ?? 0) === 0) return await exchange.drop();
    }
    const faultResponse = early ? faultError(early, target) : undefined;
    if (faultResponse) return exchange.sendError(faultResponse);

    if (resolved instanceof BedrockError) return exchange.sendError(resolved);
    if (body === undefined) return exchange.sendError(bedrockErrors.serialization());
    const inStream = state.faults.take(target, 'in-stream') as StreamFault | undefined;
    const fault = inStream ?? (early?.type === 'drop-connection' ? early : undefined);
    await HANDLERS[operation]({ exchange, state, model: resolved.model, body, fault });
  } catch (error) {
    if (response.headersSent) await exchange.drop();
    else exchange.sendError(error instanceof BedrockError ? error : bedrockErrors.internal());
  }
}
