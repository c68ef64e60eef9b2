import type { BedrockOperation, Fault } from './bedrock-emulator-types.js';
import { type BedrockError, bedrockErrors } from './bedrock-errors.js';
import type { ModelIdKind } from './resolve-bedrock-model-id.js';

export interface FaultTarget {
  operation: BedrockOperation;
  modelId: string;
  resolvedModelId?: string;
  kind?: ModelIdKind;
}

export type Phase = 'delay' | 'before-response' | 'in-stream';

const STREAMING = new Set<BedrockOperation>(['ConverseStream', 'InvokeModelWithResponseStream']);

export function isStreaming(operation: BedrockOperation): boolean {
  return STREAMING.has(operation);
}

/** Injected faults, matched in injection order; a fault with `times` expires after that many uses. */
export class BedrockFaultRegistry {
  private entries: Array<{ fault: Fault; remaining: number }> = [];

  inject(fault: Fault): void {
    this.entries.push({ fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.entries = [];
  }

  /** Takes (and uses up once) the first live fault that matches the request and acts in `phase`. */
  take(target: FaultTarget, phase: Phase): Fault | undefined {
    const entry = this.entries.find(
      (candidate) =>
        candidate.remaining > 0 &&
        matches(candidate.fault, target) &&
        phaseOf(candidate.fault, target) === phase,
    );
    if (!entry) return undefined;
    entry.remaining--;
    this.entries = this.entries.filter((candidate) => candidate.remaining > 0);
    return entry.fault;
  }
}

function matches(fault: Fault, target: FaultTarget): boolean {
  if (fault.operation !== undefined && fault.operation !== target.operation) return false;
  if (
    fault.modelId !== undefined &&
    fault.modelId !== target.modelId &&
    fault.modelId !== target.resolvedModelId
  ) {
    return false;
  }
  // Bedrock only ever refuses on-demand throughput for a bare foundation id; a profile retry must pass.
  if (fault.type === 'on-demand-unsupported' && target.kind !== undefined && target.kind !== 'foundation')
    return false;
  return true;
}

function phaseOf(fault: Fault, target: FaultTarget): Phase | undefined {
  switch (fault.type) {
    case 'slow':
      return 'delay';
    case 'stream-exception':
      return isStreaming(target.operation) ? 'in-stream' : undefined;
    case 'drop-connection':
      return isStreaming(target.operation) && (fault.afterEvents ?? 0) > 0 ? 'in-stream' : 'before-response';
    default:
      return 'before-response';
  }
}

/** The error response an error fault stands for; undefined for faults that are not errors. */
export function faultError(fault: Fault, target: FaultTarget): BedrockError | undefined {
  switch (fault.type) {
    case 'throttling':
      return bedrockErrors.throttling(fault.retryAfterSeconds);
    case 'access-denied':
      return bedrockErrors.accessDenied();
    case 'invalid-model':
    case 'region-unavailable':
      return bedrockErrors.invalidModel();
    case 'on-demand-unsupported':
      return bedrockErrors.onDemandUnsupported(target.resolvedModelId ?? target.modelId);
    case 'expired-token':
      return bedrockErrors.expiredToken();
    case 'invalid-credentials':
      return bedrockErrors.invalidCredentials();
    case 'model-not-ready':
      return bedrockErrors.modelNotReady();
    case 'service-unavailable':
      return bedrockErrors.serviceUnavailable();
    case 'internal-error':
      return bedrockErrors.internal();
    case 'validation':
      return bedrockErrors.validation(fault.message);
    default:
      return undefined;
  }
}
