import { LLMRouterError } from '@llmrouter/errors';
import type { Context } from 'hono';
import { nodeRequest, requestHeader } from '../node-request';

function tooLarge(limit: number): LLMRouterError {
  return new LLMRouterError({
    code: 'request_too_large',
    message: `The request body is larger than ${limit} bytes.`,
    hint: 'Send a smaller body, or raise server.limits.max_body_bytes.',
  });
}

/**
 * The body as text, at most `limit` bytes. On Node it reads the IncomingMessage directly: going
 * through a web ReadableStream costs more than the rest of a small request's handling.
 */
async function readText(c: Context, limit: number): Promise<string> {
  const declared = Number(requestHeader(c, 'content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const incoming = nodeRequest(c);
  if (!incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
    return text;
  }
  // Events rather than `for await`: the async iterator costs more than the rest of reading a small body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () =>
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    incoming.once('error', reject);
  });
}

/** The request body as JSON, or a 400 that says what is wrong with it. */
export async function readJsonBody(c: Context, limit: number): Promise<unknown> {
  const text = await readText(c, limit);
  if (!text.trim()) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: 'The request body is empty.',
      hint: 'Send a JSON body with Content-Type: application/json.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `The request body is not valid JSON: ${(error as Error).message}`,
      hint: 'Send a JSON body with Content-Type: application/json.',
    });
  }
}
