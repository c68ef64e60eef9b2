// Per-request CPU of reading a chat completions body: the gateway's parseChatRequest (a hand-written
// one-pass validator and converter, deferring anything unusual to the zod schema) versus the zod-only
// reference parseChatRequestWithSchema, on the same bodies in interleaved rounds of one run.
//
//   pnpm --filter @llmrouter/server build && node bench/chat-request/run.mjs [module] [rounds]
//
// `module` defaults to the built server (apps/server/dist/index.js), which must export both parsers.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { interleavedRounds, median } from '../interleaved-rounds.mjs';

const modulePath = process.argv[2] ?? new URL('../../apps/server/dist/index.js', import.meta.url).pathname;
const ROUNDS = Number(process.argv[3] ?? 20);
const ROUND_MS = 150;

const server = await import(pathToFileURL(modulePath).href);
const { parseChatRequest, parseChatRequestWithSchema } = server;
if (typeof parseChatRequest !== 'function' || typeof parseChatRequestWithSchema !== 'function') {
  console.error(
    `${modulePath} does not export parseChatRequest and parseChatRequestWithSchema; add to apps/server/src/index.ts:\n` +
      "  export { parseChatRequest, parseChatRequestWithSchema, type ParsedChatRequest } from './openai/parse-chat-request';",
  );
  process.exit(1);
}

const smallBody = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  temperature: 0.7,
  max_tokens: 256,
  stream: true,
  stream_options: { include_usage: true },
};

const tools = ['get_weather', 'search_docs', 'create_ticket'].map((name) => ({
  type: 'function',
  function: {
    name,
    description: `Calls ${name} with the given arguments.`,
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', description: 'What to look up' }, limit: { type: 'integer' } },
      required: ['query'],
    },
  },
}));
const conversation = [{ role: 'system', content: 'You are a support agent. Use the tools when useful.' }];
for (let turn = 0; conversation.length < 20; turn++) {
  const id = `call_${turn}`;
  conversation.push(
    { role: 'user', content: [{ type: 'text', text: `Question ${turn}: what about order ${1000 + turn}?` }] },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id, type: 'function', function: { name: 'search_docs', arguments: `{"query":"order ${turn}"}` } },
      ],
    },
    { role: 'tool', tool_call_id: id, content: `Order ${1000 + turn} shipped on day ${turn}.` },
    { role: 'assistant', content: `Order ${1000 + turn} has shipped.` },
  );
}
const toolBody = {
  model: 'auto',
  messages: conversation.slice(0, 20),
  tools,
  tool_choice: 'auto',
  temperature: 0.2,
  max_completion_tokens: 1024,
  user: 'user-42',
  metadata: { team: 'support', ticket: 'T-1' },
};

/** Parses per second over one round; bodies come from JSON text once, as the gateway would see them. */
function rate(parse, body) {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ROUND_MS) {
    for (let index = 0; index < 200; index++) parse(body);
    count += 200;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

const cases = [
  ['small body (system + user)', JSON.parse(JSON.stringify(smallBody))],
  ['20 messages + 3 tools', JSON.parse(JSON.stringify(toolBody))],
];
const rows = [];
for (const [name, body] of cases) {
  const same = JSON.stringify(parseChatRequest(body)) === JSON.stringify(parseChatRequestWithSchema(body));
  if (!same) throw new Error(`the two parsers disagree on the ${name} body`);
  const run = (parse) => ({ warmup: () => rate(parse, body), measure: () => rate(parse, body) });
  const { oursRates, baselineRates } = await interleavedRounds({
    ours: run(parseChatRequest),
    baseline: run(parseChatRequestWithSchema),
    rounds: ROUNDS,
  });
  const ours = 1e6 / median(oursRates);
  const baseline = 1e6 / median(baselineRates);
  rows.push([name, ours, baseline]);
}

console.log(
  `Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms each, median µs per parse\n`,
);
console.log('| body                       | parseChatRequest | zod-only reference | speed-up |');
console.log('| -------------------------- | ---------------- | ------------------ | -------- |');
for (const [name, ours, baseline] of rows) {
  console.log(
    `| ${name.padEnd(26)} | ${ours.toFixed(2).padStart(13)} µs | ${baseline.toFixed(2).padStart(15)} µs | ${(baseline / ours).toFixed(1).padStart(7)}x |`,
  );
}
