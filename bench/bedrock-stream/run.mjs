// Stream throughput: tokens per second of ConverseStream through @llmrouter/providers-bedrock versus
// iterating the raw AWS SDK event stream, against the same loopback Bedrock emulator at full speed,
// in interleaved rounds of one run.
//
//   pnpm --filter @llmrouter/bedrock-emulator --filter @llmrouter/providers-bedrock build
//   node bench/bedrock-stream/run.mjs [tokens] [rounds] [http2|http1]
//
// Both sides use the same SDK version, handler, endpoint and credentials. The baseline reads
// contentBlockDelta text and the metadata event; the provider additionally maps parts, tracks tool
// calls, usage, finish reason and time to first token, owns the deadline and logs.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startBedrockEmulator } from '../../packages/bedrock-emulator/dist/index.js';
import { createBedrockProvider } from '../../packages/providers-bedrock/dist/index.js';
import { interleavedRounds, median } from '../interleaved-rounds.mjs';

const TOKENS = Number(process.argv[2] ?? 4000);
const ROUNDS = Number(process.argv[3] ?? 15);
const HANDLER = process.argv[4] ?? 'http2';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

// The SDK as the provider package resolves it, so both sides run the same copy.
const requireFromProvider = createRequire(
  new URL('../../packages/providers-bedrock/package.json', import.meta.url),
);
const sdk = await import(pathToFileURL(requireFromProvider.resolve('@aws-sdk/client-bedrock-runtime')).href);
const handlers = await import(pathToFileURL(requireFromProvider.resolve('@smithy/node-http-handler')).href);

const emulator = await startBedrockEmulator({ replyTokens: TOKENS });
const credentials = { accessKeyId: 'AKIDBENCHMARK0000001', secretAccessKey: 'bench-secret-access-key' };
const provider = createBedrockProvider({
  region: 'us-east-1',
  endpoint: emulator.url,
  maxRetries: 0,
  httpHandler: HANDLER,
  ...credentials,
});
const model = provider.chatModel(MODEL);
const requestHandler =
  HANDLER === 'http1'
    ? new handlers.NodeHttpHandler()
    : new handlers.NodeHttp2Handler({ disableConcurrentStreams: true });
const client = new sdk.BedrockRuntimeClient({
  region: 'us-east-1',
  endpoint: emulator.url,
  credentials,
  maxAttempts: 1,
  requestHandler,
});

const prompt = 'Write a long story about a lighthouse.';
const chatRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
  maxTokens: 100_000,
};
const converseInput = {
  modelId: MODEL,
  messages: [{ role: 'user', content: [{ text: prompt }] }],
  inferenceConfig: { maxTokens: 100_000 },
};

async function viaProvider() {
  let tokens = 0;
  let finished = false;
  for await (const part of model.stream(chatRequest)) {
    if (part.type === 'finish') {
      tokens = part.usage.outputTokens;
      finished = true;
    }
  }
  if (!finished) throw new Error('provider stream did not finish');
  return tokens;
}

async function viaSdk() {
  const response = await client.send(new sdk.ConverseStreamCommand(converseInput));
  let text = '';
  let tokens = 0;
  for await (const event of response.stream) {
    if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
    else if (event.metadata) tokens = event.metadata.usage.outputTokens;
  }
  if (text.length === 0) throw new Error('the SDK stream read nothing');
  return tokens;
}

async function timed(run) {
  const started = performance.now();
  const tokens = await run();
  return tokens / ((performance.now() - started) / 1000);
}

// Warm-up covers JIT, sessions, credential and endpoint caches.
const {
  oursRates: ours,
  baselineRates: baseline,
  overheadPercent: overhead,
} = await interleavedRounds({
  ours: { warmup: viaProvider, measure: () => timed(viaProvider) },
  baseline: { warmup: viaSdk, measure: () => timed(viaSdk) },
  rounds: ROUNDS,
});
const oursMedian = median(ours);
const baselineMedian = median(baseline);
const format = (value) => Math.round(value).toLocaleString('en-US');
console.log(
  `ConverseStream, ${TOKENS} tokens per answer, ${ROUNDS} interleaved rounds, ${HANDLER}, emulator at full speed`,
);
const row = (name, value) => `| ${name.padEnd(38)} | ${value.padStart(17)} |`;
console.log(row('client', 'tokens/s (median)'));
console.log(`|${'-'.repeat(40)}|${'-'.repeat(19)}|`);
console.log(row('raw AWS SDK ConverseStream (baseline)', format(baselineMedian)));
console.log(row('@llmrouter/providers-bedrock', format(oursMedian)));
console.log(`overhead: ${overhead.toFixed(1)}% (median of per-round ratios; target < 10%)`);

provider.close();
client.destroy();
await emulator.close();
