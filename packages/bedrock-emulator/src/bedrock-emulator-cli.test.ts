import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

// The CLI runs from the build; `pnpm test` builds first, a bare vitest run may not have.
describe.skipIf(!existsSync(cli))('bedrock-emulator CLI', () => {
  it('prints the URL and SDK hint, serves requests and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--latency-ms', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match?.[1] && output.includes('AWS_ENDPOINT_URL_BEDROCK_RUNTIME=')) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`CLI exited early: ${output}`)));
      });
      const response = await fetch(`${url}/model/amazon.nova-micro-v1%3A0/converse`, {
        method: 'POST',
        headers: { authorization: 'Bearer cli-test', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }),
      });
      expect(response.status).toBe(200);
      expect(output).toContain(`AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${url}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
