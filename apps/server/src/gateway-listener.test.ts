import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './gateway-test-harness';
import { hostileChatBody } from './openai/chat-request-arbitraries';

/**
 * The gateway's listener answers `POST /v1/chat/completions` itself, without Hono. These tests hold it to
 * the Hono app serving the same gateway under @hono/node-server: the same status, headers, body and log
 * line for every kind of request, good and bad.
 */

const KEY = 'sk-gateway-team-111111111';
let harness: TestGateway;
let honoServer: Server;
let honoUrl: string;

beforeAll(async () => {
  harness = await startTestGateway({
    serverLines: `  cors: { origins: ["https://app.example"] }\n  auth: { keys: [${KEY}] }`,
    keys: KEY,
  });
  honoServer = createServer(getRequestListener(harness.gateway.gateway.app.fetch));
  honoServer.keepAliveTimeout = harness.gateway.server.keepAliveTimeout;
  await new Promise<void>((resolve) => honoServer.listen(0, '127.0.0.1', resolve));
  honoUrl = `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  honoServer?.closeAllConnections();
  await new Promise((resolve) => honoServer?.close(resolve) ?? resolve(undefined));
  await harness?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  log: Record<string, unknown> | undefined;
}

/** Headers whose values differ from one answer to the next whichever path served it. */
const VARYING_HEADERS = new Set(['date', 'x-request-id', 'x-llmrouter-overhead-ms', 'content-length']);
/** Log fields that are times or ids. */
const VARYING_FIELDS = new Set(['requestId', 'latencyMs', 'overheadMs', 'timeToFirstTokenMs']);

async function ask(
  base: string,
  body: string,
  headers: Record<string, string>,
  path = '/v1/chat/completions',
): Promise<Answer> {
  const logged = harness.logLines.length;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!VARYING_HEADERS.has(name)) kept[name] = value;
  });
  const text = await response.text();
  const parsed = (response.headers.get('content-type') ?? '').startsWith('application/json')
    ? JSON.parse(text)
    : text
        .split('\n\n')
        .filter(Boolean)
        .map((event) => event.replace(/"(id|created)":("[^"]*"|\d+)/g, '"$1":0'));
  if (parsed && typeof parsed === 'object' && 'id' in parsed) Object.assign(parsed, { id: 0, created: 0 });
  // A streamed answer logs its line when the stream ends, just after the last byte.
  await expect.poll(() => harness.logLines.length).toBeGreaterThan(logged);
  const line = harness.logLines.at(-1);
  const log = line && Object.fromEntries(Object.entries(line).filter(([name]) => !VARYING_FIELDS.has(name)));
  return { status: response.status, headers: kept, body: parsed, log };
}

async function askBoth(body: string, headers: Record<string, string>, path?: string) {
  const direct = await ask(harness.gateway.url, body, headers, path);
  const viaHono = await ask(honoUrl, body, headers, path);
  return { direct, viaHono };
}

const json = { 'content-type': 'application/json' };
const withKey = { ...json, authorization: `Bearer ${KEY}` };
const hello = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'haiku', messages: [{ role: 'user', content: 'Hi' }], ...extra });

describe("the gateway's chat listener answers as the Hono app does", () => {
  const cases: Array<[string, string, Record<string, string>, string?]> = [
    ['a JSON answer', hello(), withKey],
    [
      'a streamed answer, with usage',
      hello({ stream: true, stream_options: { include_usage: true } }),
      withKey,
    ],
    ['an allowed origin', hello(), { ...withKey, origin: 'https://app.example' }],
    [
      'another origin, streamed',
      hello({ stream: true }),
      { ...withKey, origin: 'https://elsewhere.example' },
    ],
    ['a query string', hello(), withKey, '/v1/chat/completions?api-version=2024-10-21'],
    [
      'a routed model',
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'write code' }] }),
      withKey,
    ],
    ['no key', hello(), { ...json, origin: 'https://app.example' }],
    ['a wrong key', hello(), { ...json, authorization: 'Bearer sk-wrong' }],
    ['a key in x-api-key', hello(), { ...json, 'x-api-key': KEY }],
    ['an empty body', '', withKey],
    ['a body that is not JSON', '{"model":', withKey],
    ['a body over the limit', hello({ padding: 'x'.repeat(70_000) }), withKey],
    ['a field of the wrong type', hello({ temperature: 'hot' }), withKey],
    [
      'an embedding model',
      JSON.stringify({ model: 'embed', messages: [{ role: 'user', content: 'Hi' }] }),
      withKey,
    ],
  ];

  it.each(cases)('%s', async (_name, body, headers, path) => {
    const { direct, viaHono } = await askBoth(body, headers, path);
    expect(direct).toEqual(viaHono);
    expect(direct.status).toBeGreaterThan(0);
  });

  it('passes the client’s x-request-id through on both', async () => {
    for (const base of [harness.gateway.url, honoUrl]) {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...withKey, 'x-request-id': 'req-abc-123' },
        body: hello(),
      });
      expect(response.headers.get('x-request-id')).toBe('req-abc-123');
      await response.text();
      expect(harness.logLines.at(-1)?.requestId).toBe('req-abc-123');
    }
  });

  it('answers hostile bodies alike (property)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileChatBody, async (body) => {
        const text = JSON.stringify(body) ?? 'null';
        const { direct, viaHono } = await askBoth(text, withKey);
        expect(direct, text).toEqual(viaHono);
      }),
      { numRuns: 100 },
    );
  });
});
