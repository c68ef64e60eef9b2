import { redactValue } from '@llmrouter/errors';

/** Where the gateway writes its one JSON line per request (and its start-up notes). */
export interface GatewayLogger {
  request(fields: Record<string, unknown>): void;
  info(message: string): void;
  /** Writes whatever is buffered; called on shutdown. */
  flush?(): void;
}

/** How long a request's log line may wait for others to share its write. */
const BATCH_MS = 25;
/** A batch this long is written at once. */
const BATCH_LINES = 256;

/**
 * JSON lines on stdout, secrets redacted; notes for humans on stderr so stdout stays machine-readable.
 * Lines are batched and written off the request path: stdout to a pipe or a file is a blocking write on
 * Linux, and one write per request costs more than the rest of the gateway's logging. A line waits at most
 * BATCH_MS; shutdown flushes.
 */
export function createConsoleLogger(output: NodeJS.WritableStream = process.stdout): GatewayLogger {
  let pending: Array<Record<string, unknown>> = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const lines = pending.map((fields) => JSON.stringify(redactValue(fields))).join('\n');
    pending = [];
    output.write(`${lines}\n`);
  };
  process.once('exit', flush);
  return {
    request(fields) {
      pending.push({ time: new Date().toISOString(), ...fields });
      if (pending.length >= BATCH_LINES) flush();
      else if (!timer) {
        timer = setTimeout(flush, BATCH_MS);
        // A pending log line must not keep an otherwise finished process alive; 'exit' flushes it.
        timer.unref();
      }
    },
    info(message) {
      process.stderr.write(`${message}\n`);
    },
    flush,
  };
}

export function createSilentLogger(): GatewayLogger {
  return { request() {}, info() {} };
}
