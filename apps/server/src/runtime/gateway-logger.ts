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
  // Times and lines side by side: the time is taken when the request ends, the line is built at the write.
  let times: string[] = [];
  let pending: Array<Record<string, unknown>> = [];
  let timer: NodeJS.Timeout | undefined;
  const clock = createIsoClock();
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    let text = '';
    for (let index = 0; index < pending.length; index++) {
      const fields = JSON.stringify(redactValue(pending[index]));
      text += `{"time":"${times[index]}"${fields === '{}' ? '' : `,${fields.slice(1, -1)}`}}\n`;
    }
    times = [];
    pending = [];
    output.write(text);
  };
  process.once('exit', flush);
  return {
    request(fields) {
      times.push(clock());
      pending.push(fields);
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

/** The current time as ISO 8601, formatted once per millisecond however many lines share it. */
function createIsoClock(): () => string {
  let last = 0;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== last) {
      last = now;
      text = new Date(now).toISOString();
    }
    return text;
  };
}

export function createSilentLogger(): GatewayLogger {
  return { request() {}, info() {} };
}
