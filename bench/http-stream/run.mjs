// Stream throughput: chunks per second through @llmrouter/providers-http versus a raw fetch of the same
// SSE stream from the same loopback server, in interleaved rounds of one run.
//
//   pnpm --filter @llmrouter/providers-http build && node bench/http-stream/run.mjs [chunks] [rounds]
//   OBFUSCATION=1 node bench/http-stream/run.mjs   (chunks padded as OpenAI pads them by default)
//
// The baseline is what a minimal hand-written client does: fetch, decode, split events, JSON.parse
// each, take the delta text. The provider additionally maps parts, tracks tool calls, usage and
// finish, and owns timeouts and abort.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createOpenAICompatibleProvider } from '../../packages/providers-http/dist/index.js';
import { interleavedRounds, median } from '../interleaved-rounds.mjs';

const CHUNKS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 30);
const EVENTS_PER_WRITE = 8;
const OBFUSCATION = process.env.OBFUSCATION === '1';
/** Random-length padding, as OpenAI adds to every chunk unless stream_options.include_obfuscation is false. */
const padding = (index) => 'x7Qp2LmZ9aKd'.slice(0, 1 + ((index * 7) % 12));

function sseBody(count) {
  const base = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'bench',
  };
  let events = 0;
  const event = (delta, finish = null) => {
    const chunk = { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
    if (OBFUSCATION) chunk.obfuscation = padding(events++);
    return `data: ${JSON.stringify(chunk)}\n\n`;
  };
  const writes = [];
  let pending = event({ role: 'assistant', content: '' });
  for (let index = 0; index < count; index++) {
    pending += event({ content: ` token${index % 100}` });
    if ((index + 1) % EVENTS_PER_WRITE === 0) {
      writes.push(Buffer.from(pending));
      pending = '';
    }
  }
  pending += event({}, 'stop');
  pending += `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 5, completion_tokens: count, total_tokens: count + 5 } })}\n\n`;
  pending += 'data: [DONE]\n\n';
  writes.push(Buffer.from(pending));
  return writes;
}

const writes = sseBody(CHUNKS);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const piece of writes) {
      if (!response.write(piece)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
const requestBody = { model: 'bench', messages: [{ role: 'user', content: 'Go' }], stream: true };

const provider = createOpenAICompatibleProvider({ kind: 'vllm', baseUrl, maxRetries: 0 });
const model = provider.chatModel('bench');
const chatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Go' }] }] };

async function viaProvider() {
  let chunks = 0;
  let finished = false;
  for await (const part of model.stream(chatRequest)) {
    if (part.type === 'text-delta') chunks++;
    else if (part.type === 'finish') finished = true;
  }
  if (!finished) throw new Error('provider stream did not finish');
  return chunks;
}

async function viaFetch() {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(requestBody),
  });
  const decoder = new TextDecoder();
  let buffer = '';
  let chunks = 0;
  let text = '';
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes, { stream: true });
    // Scan by index and cut the buffer once per network chunk, so the baseline is not slowed by copying.
    let start = 0;
    let end = buffer.indexOf('\n\n', start);
    while (end !== -1) {
      if (buffer.startsWith('data: ', start)) {
        const data = buffer.slice(start + 6, end);
        if (data !== '[DONE]') {
          const content = JSON.parse(data).choices[0]?.delta?.content;
          if (content) {
            chunks++;
            text += content;
          }
        }
      }
      start = end + 2;
      end = buffer.indexOf('\n\n', start);
    }
    buffer = buffer.slice(start);
  }
  if (text.length === 0) throw new Error('fetch read nothing');
  return chunks;
}

// CPU time per chunk (this process: client and the loopback server, which is the same for both) is
// steadier than throughput on a busy machine, and it is what a gateway pays per streamed token.
const cpuPerChunk = new Map([
  [viaProvider, []],
  [viaFetch, []],
]);

async function timed(run) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const chunks = await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (chunks !== CHUNKS) throw new Error(`expected ${CHUNKS} chunks, got ${chunks}`);
  cpuPerChunk.get(run).push((cpu.user + cpu.system) / chunks);
  return chunks / seconds;
}

const {
  oursRates: providerRates,
  baselineRates: fetchRates,
  overheadPercent: overhead,
} = await interleavedRounds({
  ours: { warmup: viaProvider, measure: () => timed(viaProvider) },
  baseline: { warmup: viaFetch, measure: () => timed(viaFetch) },
  rounds: ROUNDS,
});
const ours = median(providerRates);
const baseline = median(fetchRates);
const format = (value) => Math.round(value).toLocaleString('en-US');
console.log(
  `\nSSE stream throughput, ${format(CHUNKS)} chunks per stream${OBFUSCATION ? ' padded with obfuscation' : ''}, ${ROUNDS} interleaved rounds (Node ${process.version})\n`,
);
const micros = (run) => median(cpuPerChunk.get(run)).toFixed(2);
console.log('| client                          | chunks/s (median) | best      | CPU µs/chunk (median) |');
console.log('| ------------------------------- | ----------------- | --------- | --------------------- |');
console.log(
  `| @llmrouter/providers-http       | ${format(ours).padStart(17)} | ${format(Math.max(...providerRates)).padStart(9)} | ${micros(viaProvider).padStart(21)} |`,
);
console.log(
  `| raw fetch + split + JSON.parse  | ${format(baseline).padStart(17)} | ${format(Math.max(...fetchRates)).padStart(9)} | ${micros(viaFetch).padStart(21)} |`,
);
console.log(
  `\noverhead of the provider vs raw fetch (median of paired rounds): ${overhead.toFixed(1)}% (target < 10%; negative = faster)`,
);

await provider.close();
server.closeAllConnections();
server.close();
