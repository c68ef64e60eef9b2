// Runs the real gateway (built) on a config whose one model is the loopback upstream.

import { createRuntime, startGateway, tuneHeapForGateway } from '../../apps/server/dist/index.js';
import { parseConfigText } from '../../packages/core/dist/index.js';

const upstreamUrl = process.argv[2];
const loaded = parseConfigText(`
server:
  port: 0
providers:
  loopback:
    type: openai-compatible
    base_url: ${upstreamUrl}
    api_key: sk-bench-0000000000
    max_retries: 0
models:
  bench:
    provider: loopback
    model: loopback-model
    input_price: 0.2
    output_price: 0.2
router:
  strategy: random
`);
// As the gateway's entry points (`pnpm start`, `llmrouter serve`) do.
tuneHeapForGateway();
const runtime = await createRuntime({ loaded });
// The real per-request JSON log line, written where a deployment would write it (here: discarded by the parent).
const gateway = await startGateway({ runtime });
process.stdout.write(`${gateway.port}\n`);
