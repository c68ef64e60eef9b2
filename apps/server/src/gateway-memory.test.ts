import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackUpstream, startLoopbackUpstream } from './testing/loopback-openai-upstream';

// The built gateway alone in a child process with `gc()` exposed; the upstream and the client live here,
// so the child's heap holds only the gateway's objects.
const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const entry = join(serverRoot, 'dist/index.js');
const CHILD = `
import v8 from 'node:v8';
import { parseConfigText } from '@llmrouter/core';
const { createRuntime, startGateway } = await import(${JSON.stringify(pathToFileURL(entry).href)});
const loaded = parseConfigText(\`
server: { port: 0 }
providers:
  loopback: { type: openai-compatible, base_url: "\${process.argv[1]}", api_key: sk-memory-test-0000000000, max_retries: 0 }
models:
  probe: { provider: loopback, model: loopback-model }
router: { strategy: random }
\`);
const silent = { request() {}, info() {} };
const gateway = await startGateway({ runtime: await createRuntime({ loaded, logger: silent }), logger: silent });
const oldSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space').space_used_size;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  for (const command of text.trim().split('\\n')) {
    gc({ type: 'minor' });
    if (command === 'measure') gc({ type: 'minor' });
    process.stdout.write(command === 'measure' ? \`\${oldSpace()}\\n\` : 'ok\\n');
  }
});
process.stdout.write(\`\${gateway.port}\\n\`);
`;

let upstream: LoopbackUpstream;
let child: ChildProcess;
let replies: AsyncIterator<string>;
let port = 0;

async function command(name: 'minor' | 'measure'): Promise<string> {
  child.stdin?.write(`${name}\n`);
  return (await replies.next()).value as string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ model: 'probe', messages: [{ role: 'user', content: 'hi' }], stream: true });
function streamOnce(): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (answer) => {
        answer.resume();
        answer.on('end', resolve);
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

beforeAll(async () => {
  if (!existsSync(entry))
    execFileSync('pnpm', ['--filter', '@llmrouter/server', 'build'], { stdio: 'ignore' });
  upstream = await startLoopbackUpstream({ answerWords: 16, keepRequests: 0 });
  child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, upstream.url], {
    cwd: serverRoot,
    env: {
      ...process.env,
      HOME: mkdtempSync(join(tmpdir(), 'llmrouter-home-')),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  replies = readline
    .createInterface({ input: child.stdout as NodeJS.ReadableStream })
    [Symbol.asyncIterator]();
  port = Number((await replies.next()).value);
});

afterAll(async () => {
  agent.destroy();
  child?.kill();
  await upstream?.close();
});

describe('gateway memory', () => {
  // A streamed answer's objects must die young. When something old kept them reachable (an SSE sink made
  // as an object literal with a getter did), every answer was promoted, about 6 KB each here: young
  // collections took three times as long and full collections came every few seconds under load.
  it('promotes almost nothing of a streamed answer to the old generation', async () => {
    for (let index = 0; index < 100; index++) await streamOnce();
    const before = Number(await command('measure'));
    const answers = 400;
    for (let index = 0; index < answers; index++) {
      await streamOnce();
      // Young collections in between, as load would cause; objects alive across two of them are promoted.
      if (index % 50 === 49) await command('minor');
    }
    const promotedPerAnswer = (Number(await command('measure')) - before) / answers;
    expect(promotedPerAnswer).toBeLessThan(2500);
  }, 60_000);
});
