import { redactValue } from '@llmrouter/errors';

/** Where the gateway writes its one JSON line per request (and its start-up notes). */
export interface GatewayLogger {
  request(fields: Record<string, unknown>): void;
  info(message: string): void;
  /** Writes whatever is buffered; called on shutdown. */
  flush?(): void;
}

/**
 * JSON lines on stdout, secrets redacted; notes for humans on stderr so stdout stays machine-readable.
 * Lines are batched and written after the current I/O turn: stdout to a pipe is a blocking write on
 * Linux, and it must not sit between an answer and its client.
 */
export function createConsoleLogger(output: NodeJS.WritableStream = process.stdout): GatewayLogger {
  let pending: Array<Record<string, unknown>> = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const lines = pending.map((fields) => JSON.stringify(redactValue(fields))).join('\n');
    pending = [];
    output.write(`${lines}\n`);
  };
  process.once('exit', flush);
  return {
    request(fields) {
      pending.push({ time: new Date().toISOString(), ...fields });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
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
