import { setTimeout as sleepFor } from 'node:timers/promises';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/**
 * Bedrock pads each event payload with a `p` field of varying length so that payload sizes do not leak
 * token lengths; clients must ignore it, so the emulator sends one too.
 */
function padding(length: number): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, 1 + (length % 40));
}

/** One `application/vnd.amazon.eventstream` event frame. */
export function encodeEvent(eventType: string, payload: Record<string, unknown>): Uint8Array {
  const body = JSON.stringify(payload);
  const pad = `"p":"${padding(eventType.length + body.length)}"}`;
  const json = body === '{}' ? `{${pad}` : `${body.slice(0, -1)},${pad}`;
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(json),
  });
}

/** An exception frame: how Bedrock reports an error after the stream has started. */
export function encodeException(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** Decodes one frame; exported for tests and tools that read the emulator's streams by hand. */
export function decodeEvent(frame: Uint8Array): { headers: Record<string, string>; body: string } {
  const message = codec.decode(frame);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
  return { headers, body: toUtf8(message.body) };
}

/** Sleeps unless aborted; an abort ends the sleep quietly so handlers can unwind. */
export async function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal.aborted) return;
  await sleepFor(milliseconds, undefined, { signal }).catch(() => undefined);
}

/**
 * Paces content deltas: the first waits `timeToFirstTokenMs`, later ones keep `tokensPerSecond` on
 * average. Deltas that fall due within the same millisecond go out without a timer, so high rates are
 * not capped by timer resolution.
 */
export class DeltaPacer {
  private firstAt: number | undefined;
  private sent = 0;

  constructor(
    private readonly timeToFirstTokenMs: number,
    private readonly tokensPerSecond: number | undefined,
    private readonly signal: AbortSignal,
  ) {}

  async beforeDelta(): Promise<void> {
    if (this.firstAt === undefined) {
      await sleep(this.timeToFirstTokenMs, this.signal);
      this.firstAt = performance.now();
    } else if (this.tokensPerSecond && this.tokensPerSecond > 0) {
      const dueAt = this.firstAt + (this.sent * 1000) / this.tokensPerSecond;
      const wait = dueAt - performance.now();
      if (wait >= 1) await sleep(wait, this.signal);
    }
    this.sent++;
  }
}
