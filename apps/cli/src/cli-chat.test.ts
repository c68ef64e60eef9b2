import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startCli, temporaryFolder } from './testing/cli-process';
import { startTestUpstream, type TestUpstream } from './testing/loopback-upstream';
import { writeTestConfig } from './testing/test-config';

let emulator: BedrockEmulator;
let upstream: TestUpstream;
let config: string;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startBedrockEmulator();
  upstream = await startTestUpstream((model, prompt) => `${model} heard: ${prompt}`);
  config = writeTestConfig(temporaryFolder(), { emulatorUrl: emulator.url, upstreamUrl: upstream.url });
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  await upstream?.close();
});

describe('llmrouter chat (driven through its stdin)', () => {
  it('streams answers, shows model and cost, switches models, keeps and clears history, exits on end of input', async () => {
    const chat = startCli(['chat', '--config', config]);
    await chat.waitFor(/llmrouter chat: .* model auto/);
    chat.write('hello there\n');
    await chat.waitFor(/— haiku \(rules: no rule matched; default\) · \d+ in \/ \d+ out tokens · \$0\.\d+/);

    chat.write('/models\n');
    await chat.waitFor(/\* auto\s+routed by rules/);
    chat.write('/model oracle\n');
    await chat.waitFor(/\(answering with oracle\)/);
    chat.write('second question\n');
    await chat.waitFor(/oracle-model heard: second question\n— oracle \(direct: /);
    // The history went upstream: the first exchange, then the new question.
    const seen = upstream.requests.at(-1);
    expect(seen?.stream).toBe(true);
    expect(seen?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);

    chat.write('/model nonsense\n');
    await chat.waitFor(/unknown model "nonsense"/);
    chat.write('/clear\n');
    await chat.waitFor(/\(conversation cleared\)/);
    chat.write('third\n');
    await chat.waitFor(/oracle-model heard: third/);
    expect(upstream.requests.at(-1)?.messages).toHaveLength(1);
    chat.end();
    const result = await chat.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/bye \(this session cost \$0\.\d+\)/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('leaves cleanly on Ctrl-C at the prompt and on /exit', async () => {
    const chat = startCli(['chat', '--config', config, '--model', 'dunce']);
    await chat.waitFor(/\(answering with dunce\)/);
    await chat.waitFor(/> $/);
    chat.kill('SIGINT');
    const interrupted = await chat.exited;
    expect(interrupted.code).toBe(0);
    expect(interrupted.stdout).toMatch(/bye/);

    const leaving = startCli(['chat', '--config', config], { input: '/exit\n' });
    expect((await leaving.exited).code).toBe(0);
  });

  it('stops a streaming answer on Ctrl-C and keeps the conversation going', async () => {
    const chat = startCli(['chat', '--config', config, '--model', 'oracle']);
    await chat.waitFor(/answering with oracle/);
    upstream.chunkDelayMs = 100;
    upstream.reply = () => Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    chat.write('tell me a long story\n');
    await chat.waitFor(/word2 /);
    chat.kill('SIGINT');
    await chat.waitFor(/\(answer stopped\)/);
    upstream.chunkDelayMs = 0;
    upstream.reply = (model, prompt) => `${model} heard: ${prompt}`;
    chat.write('still there?\n');
    await chat.waitFor(/oracle-model heard: still there\?/);
    // The stopped answer stays in the history as far as it got.
    expect(upstream.requests.at(-1)?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    chat.end();
    expect((await chat.exited).code).toBe(0);
    expect(chat.stdout()).not.toMatch(/word59/);
  });

  it('shows a failed answer with its hint and keeps going', async () => {
    const chat = startCli(['chat', '--config', config, '--model', 'oracle', '--max-tokens', '5']);
    await chat.waitFor(/answering with oracle/);
    upstream.reply = () => ({ status: 401, message: 'invalid api key' });
    chat.write('anything\n');
    await chat.waitFor(/error: .*\nhint: /);
    upstream.reply = (model, prompt) => `${model} heard: ${prompt}`;
    chat.write('again\n');
    await chat.waitFor(/oracle-model heard: again/);
    chat.end();
    expect((await chat.exited).code).toBe(0);
  });
});
