// The floor for a gateway built on LLMRouter's own framework and client: Hono on @hono/node-server,
// forwarding to the upstream with undici, parsing and re-serialising the JSON both ways, and nothing
// else (no validation, routing, logging, metrics or error handling). The distance from this to LLMRouter
// is what LLMRouter's own code costs; the distance from the minimal proxy to this is the stack's.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const fromServer = createRequire(new URL('../../apps/server/package.json', import.meta.url));
const fromProvider = createRequire(new URL('../../packages/providers-http/package.json', import.meta.url));
const load = (require, name) => import(pathToFileURL(require.resolve(name)).href);
const { Hono } = await load(fromServer, 'hono');
const { serve } = await load(fromServer, '@hono/node-server');
const { Agent } = await load(fromProvider, 'undici');

const upstream = new URL(process.argv[2]);
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
const app = new Hono();
app.post('/v1/chat/completions', async (c) => {
  const body = await c.req.json();
  body.model = 'loopback-model';
  const answer = await dispatcher.request({
    origin: upstream.origin,
    path: `${upstream.pathname}/chat/completions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-0000000000' },
    body: JSON.stringify(body),
  });
  const completion = await answer.body.json();
  completion.model = 'bench';
  return c.json(completion, answer.statusCode);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`${info.port}\n`));
