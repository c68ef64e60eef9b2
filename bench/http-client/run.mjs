// CPU per upstream call: OpenAIChatModel.generate from @llmrouter/providers-http versus a bare undici
// `request()` and a bare undici `dispatch()` sending the same body to the same loopback upstream, measured
// in interleaved rounds of one run. The upstream runs in a child process, so process.cpuUsage() counts
// only the client: building the request, the HTTP exchange, reading and parsing the answer.
//
//   pnpm --filter @llmrouter/providers-http build && node bench/http-client/run.mjs [--calls 2000] [--rounds 5]
//   node bench/http-client/run.mjs --compare path/to/other/dist/index.js   (adds a row for another build)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createOpenAICompatibleProvider } from '../../packages/providers-http/dist/index.js';
import { Agent } from '../../packages/providers-http/node_modules/undici/index.js';
import { argument } from '../command-line.mjs';
import { median } from '../interleaved-rounds.mjs';

const CALLS = Number(argument('--calls', 2000));
const ROUNDS = Number(argument('--rounds', 5));
const CONCURRENCY = Number(argument('--concurrency', 16));
const compare = argument('--compare', undefined);

const here = fileURLToPath(new URL('.', import.meta.url));
const upstream = spawn(process.execPath, [`${here}upstream.mjs`], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const port = await new Promise((done, fail) => {
  let first = '';
  upstream.stdout.on('data', (chunk) => {
    first += chunk;
    if (first.includes('\n')) done(Number(first));
  });
  upstream.once('exit', (code) => fail(new Error(`upstream exited with ${code}`)));
});
const origin = `http://127.0.0.1:${port}`;
const baseUrl = `${origin}/v1`;

const chatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello benchmark' }] }],
  maxTokens: 16,
};
// What OpenAIChatModel sends for chatRequest, so both baselines carry the same bytes.
const body = JSON.stringify({
  model: 'bench',
  messages: [{ role: 'user', content: 'hello benchmark' }],
  max_tokens: 16,
});
const headers = {
  'content-type': 'application/json',
  'user-agent': 'llmrouter/0.1.0',
  authorization: 'Bearer sk-bench',
};
const requestOptions = { origin, path: '/v1/chat/completions', method: 'POST', headers, body };

function check(text) {
  if (JSON.parse(text).choices.length !== 1) throw new Error('unexpected answer');
}

function modelCall(factory) {
  const provider = factory({ kind: 'vllm', baseUrl, apiKey: 'sk-bench', maxRetries: 0 });
  const model = provider.chatModel('bench');
  return {
    call: async () => {
      const result = await model.generate(chatRequest);
      if (result.text.length === 0) throw new Error('empty answer');
    },
    close: () => provider.close(),
  };
}

function undiciRequestCall() {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  return {
    call: async () => {
      const response = await agent.request(requestOptions);
      check(await response.body.text());
    },
    close: () => agent.close(),
  };
}

function undiciDispatchCall() {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const fetchText = () =>
    new Promise((done, fail) => {
      const chunks = [];
      agent.dispatch(requestOptions, {
        onRequestStart() {},
        onResponseStart() {},
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          done(Buffer.concat(chunks).toString('utf8'));
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      });
    });
  return { call: async () => check(await fetchText()), close: () => agent.close() };
}

const clients = [
  { name: '@llmrouter/providers-http generate', ...modelCall(createOpenAICompatibleProvider) },
  { name: 'undici request() + text + parse', ...undiciRequestCall() },
  { name: 'undici dispatch() + concat + parse', ...undiciDispatchCall() },
];
if (compare) {
  const other = await import(pathToFileURL(resolve(compare)).href);
  clients.push({
    name: 'generate, the --compare build',
    ...modelCall(other.createOpenAICompatibleProvider),
  });
}

async function sequential(call) {
  for (let index = 0; index < CALLS; index++) await call();
}

async function concurrent(call) {
  let next = 0;
  const worker = async () => {
    while (next++ < CALLS) await call();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** CPU microseconds and wall microseconds per call for one batch of CALLS calls. */
async function measure(run, call) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(call);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / CALLS, wall: (wall * 1000) / CALLS };
}

const modes = [
  { name: 'sequential', run: sequential },
  { name: `${CONCURRENCY} concurrent`, run: concurrent },
];
const results = new Map();
for (const client of clients) for (const mode of modes) await mode.run(client.call); // warm up JIT and pools
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no client always runs on the warmest (or most fragmented) heap.
  const order = clients.map((_, index) => clients[(index + round) % clients.length]);
  for (const mode of modes) {
    for (const client of order) {
      const key = `${client.name}|${mode.name}`;
      const samples = results.get(key) ?? [];
      samples.push(await measure(mode.run, client.call));
      results.set(key, samples);
    }
  }
}

console.log(
  `\nCPU per upstream call, ${CALLS} calls x ${ROUNDS} rounds per row, medians (Node ${process.version})\n`,
);
console.log(
  '| client                             | mode          | CPU µs/call | wall µs/call | CPU vs request() |',
);
console.log(
  '| ---------------------------------- | ------------- | ----------- | ------------ | ---------------- |',
);
for (const mode of modes) {
  const baseline = results.get(`${clients[1].name}|${mode.name}`);
  for (const client of clients) {
    const samples = results.get(`${client.name}|${mode.name}`);
    const cpu = median(samples.map((sample) => sample.cpu));
    const wall = median(samples.map((sample) => sample.wall));
    // The median of per-round ratios: each pair ran back to back, under the same machine load.
    const percent = median(samples.map((sample, round) => (sample.cpu / baseline[round].cpu - 1) * 100));
    const ratio = `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
    console.log(
      `| ${client.name.padEnd(34)} | ${mode.name.padEnd(13)} | ${cpu.toFixed(1).padStart(11)} | ${wall.toFixed(1).padStart(12)} | ${ratio.padStart(16)} |`,
    );
  }
}

await Promise.all(clients.map((client) => client.close()));
upstream.kill();
