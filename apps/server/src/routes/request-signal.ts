import { CancelSignal } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import type { Context } from 'hono';
import { nodeResponse } from '../node-request';

/**
 * Fires when the client goes away or the request outlives server.limits.request_timeout_ms; upstream
 * calls listen to it. A CancelSignal rather than an AbortController: on Node 20 an AbortSignal costs
 * about 6 µs to make, and there is one per request. On Node it watches the response's `close`, which is
 * cheaper than the web Request's signal (reading that makes the adapter build a whole web Request).
 */
export function requestSignal(c: Context, timeoutMs: number): CancelSignal {
  const signal = new CancelSignal();
  const timer = setTimeout(
    () =>
      signal.abort(
        new LLMRouterError({
          code: 'provider_timeout',
          message: `The request took longer than ${timeoutMs} ms.`,
          hint: 'Raise server.limits.request_timeout_ms, or ask for fewer tokens.',
        }),
      ),
    timeoutMs,
  );
  timer.unref();
  const clientGone = () => {
    clearTimeout(timer);
    signal.abort(new LLMRouterError({ code: 'aborted', message: 'The client closed the connection.' }));
  };
  const outgoing = nodeResponse(c);
  if (outgoing) {
    // One listener ends the timer and, if the answer was not finished, the upstream call.
    outgoing.once('close', () => {
      if (outgoing.writableFinished) clearTimeout(timer);
      else clientGone();
    });
  } else {
    const clientSignal = c.req.raw.signal;
    if (clientSignal.aborted) clientGone();
    else clientSignal.addEventListener('abort', clientGone, { once: true });
    signal.addEventListener('abort', () => clearTimeout(timer));
  }
  return signal;
}
