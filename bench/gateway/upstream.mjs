// The loopback OpenAI-compatible upstream, in a process of its own so that the load generator, the
// upstream and the process under test do not share a thread.
import { startLoopbackUpstream } from '../../apps/server/dist/testing/index.js';

// keepRequests 0: an upstream that records requests promotes each one it keeps, and its collections add to
// every target's tail.
const upstream = await startLoopbackUpstream({ answerWords: 16, keepRequests: 0 });
process.stdout.write(`${new URL(upstream.url).port}\n`);
