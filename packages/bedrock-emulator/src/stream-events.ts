import { streamExceptionDefaults } from './bedrock-errors.js';
import type { BedrockExchange } from './bedrock-exchange.js';
import type { EmulatorSettings, StreamFault } from './emulator-state.js';
import { DeltaPacer, encodeException } from './encode-event-stream.js';

export interface OutgoingEvent {
  /** Encodes the frame when it is due, so late events (metadata) can carry the real latency. */
  frame: () => Uint8Array;
  delta?: boolean;
}

/**
 * Writes an event stream: paces content deltas, and honours an in-stream fault after `afterEvents`
 * events — an exception frame, or a dropped connection.
 */
export async function writeEventStream(
  exchange: BedrockExchange,
  events: OutgoingEvent[],
  settings: EmulatorSettings,
  fault: StreamFault | undefined,
  headers: Record<string, string> = {},
): Promise<void> {
  const pacer = new DeltaPacer(settings.timeToFirstTokenMs, settings.tokensPerSecond, exchange.signal);
  const faultAt = fault ? Math.min(fault.afterEvents ?? 0, events.length) : Number.POSITIVE_INFINITY;
  exchange.startEventStream(headers);
  for (let index = 0; index <= events.length; index++) {
    if (exchange.signal.aborted) return;
    if (index === faultAt && fault) {
      if (fault.type === 'drop-connection') {
        await exchange.drop();
        return;
      }
      const exceptionType = fault.exception ?? 'modelStreamErrorException';
      const defaults = streamExceptionDefaults[exceptionType];
      const message = fault.message ?? defaults.message;
      const payload: Record<string, unknown> =
        exceptionType === 'modelStreamErrorException'
          ? { message, originalStatusCode: 500, originalMessage: message }
          : { message };
      await exchange.writeFrame(encodeException(exceptionType, payload));
      exchange.end();
      return;
    }
    const event = events[index];
    if (!event) break;
    if (event.delta) await pacer.beforeDelta();
    await exchange.writeFrame(event.frame());
  }
  exchange.end();
}
