// The loopback upstream for bench/http-client, in a process of its own so its CPU is not counted as
// the client's: every POST gets the same small `chat.completion`, as a keep-alive JSON answer.
import { createServer } from 'node:http';

const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench',
  system_fingerprint: 'fp_bench',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Hello from the benchmark upstream, sixteen words or so of answer text here.',
      },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 16, total_tokens: 28 },
});
const headers = {
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(answer),
  'x-request-id': 'req-bench',
};

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('disconnect', () => process.exit(0));
