import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { getPath } from 'hono/utils/url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePath, NodeExchange } from './node-exchange';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const LIMIT = 1_000;

/** A server answering each request with what NodeExchange.readText read (or the error's message). */
async function echoServer(): Promise<number> {
  const server = createServer((incoming, outgoing) => {
    new NodeExchange(incoming, outgoing)
      .readText(LIMIT, () => new Error('too large'))
      .then(
        (text) => outgoing.end(JSON.stringify({ text })),
        (error: Error) => outgoing.end(JSON.stringify({ error: error.message })),
      );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends `pieces` one by one, `gapMs` apart; chunked unless `length` is given. */
function send(
  port: number,
  pieces: Array<string | Buffer>,
  gapMs: number,
  length?: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        headers: length === undefined ? {} : { 'content-length': length },
      },
      (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          text += chunk;
        });
        answer.on('end', () => resolve(JSON.parse(text)));
      },
    );
    call.on('error', reject);
    const next = (index: number) => {
      if (index === pieces.length) {
        call.end();
        return;
      }
      call.write(pieces[index]);
      setTimeout(() => next(index + 1), gapMs);
    };
    next(0);
  });
}

describe('NodeExchange.readText', () => {
  it('reads a body that came with its headers, one that trickles in, and a chunked one', async () => {
    const port = await echoServer();
    const body = JSON.stringify({ model: 'x', text: 'héllo wörld ✓' });
    const length = Buffer.byteLength(body);
    expect(await send(port, [body], 0, length)).toEqual({ text: body });
    // Split inside a multi-byte character: the text is decoded whole, not per piece.
    const bytes = Buffer.from(body);
    const cut = bytes.indexOf(Buffer.from('é')) + 1;
    const trickled = await send(port, [bytes.subarray(0, cut), bytes.subarray(cut)], 30, length);
    expect(trickled).toEqual({ text: body });
    expect(await send(port, ['{"a":', '1}'], 20)).toEqual({ text: '{"a":1}' });
    expect(await send(port, [], 0, 0)).toEqual({ text: '' });
  });

  it('stops at the limit whether the body came whole or in pieces', async () => {
    const port = await echoServer();
    const big = 'x'.repeat(LIMIT + 1);
    expect(await send(port, [big], 0, big.length)).toEqual({ error: 'too large' });
    expect(await send(port, [big.slice(0, 600), big.slice(600)], 20)).toEqual({ error: 'too large' });
    expect(await send(port, ['x'.repeat(LIMIT)], 0, LIMIT)).toEqual({ text: 'x'.repeat(LIMIT) });
  });
});

describe('decodePath', () => {
  it('decodes escapes as Hono routes them, keeps %25 and malformed ones', () => {
    expect(decodePath('/v1/chat/completions')).toBe('/v1/chat/completions');
    expect(decodePath('/v1/%6Dodels')).toBe('/v1/models');
    expect(decodePath('/v1/caf%C3%A9')).toBe('/v1/café');
    expect(decodePath('/a%2525b')).toBe('/a%2525b');
    expect(decodePath('/a%25b')).toBe('/a%25b');
    // Not UTF-8: that run stays as sent, the rest is decoded.
    expect(decodePath('/%E0%A4/%6Dodels')).toBe('/%E0%A4/models');
  });

  it('agrees with Hono on any path, bare % signs included (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('/', 'v1', 'models', '-', '.', '%', '%25', '%2F', '%3F', '%20'),
      fc.string({ unit: 'grapheme', maxLength: 3 }).map((text) => encodeURIComponent(text)),
      // Any two hex digits: half of these are not UTF-8 on their own.
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = `/${pieces.join('')}`;
        expect(decodePath(path)).toBe(getPath({ url: `http://localhost${path}` } as Request));
      }),
      { numRuns: 300 },
    );
  });
});
