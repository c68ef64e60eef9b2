import { type ErrorCode, LLMRouterError } from '@llmrouter/errors';
import { CancelSignal } from '../cancel-signal';
import type { ChatModelV1, ChatRequestV1 } from '../spec';
import { collectStream } from './collect-stream';

/** The test functions of the runner in use (vitest, jest, node:test), so core depends on none. */
export interface ConformanceHarness {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void> | void, timeoutMs?: number) => void;
}

export interface ConformanceFailureCase {
  name: string;
  /** A model whose upstream fails this way (a fault injected in the package's own test server). */
  createModel: () => ChatModelV1 | Promise<ChatModelV1>;
  expectedCode: ErrorCode;
  /** Also expect the same code from `stream`. Default true. */
  stream?: boolean;
}

export interface ConformanceTarget {
  /** Shown in test names. */
  name: string;
  /**
   * A model backed by the package's own loopback test server. The server must answer deterministically
   * (the same request gives the same text), honour `maxTokens` (finish reason `length` when it cuts),
   * and answer a request whose `toolChoice` names a tool with a call to that tool.
   */
  createModel: () => ChatModelV1 | Promise<ChatModelV1>;
  /** A model whose server streams slowly (at least one second in all), to observe an abort mid-stream. */
  createSlowModel: () => ChatModelV1 | Promise<ChatModelV1>;
  /** Skip the tool-call checks for providers without tools. */
  tools?: boolean;
  failures: ConformanceFailureCase[];
}

const FINISH_REASONS = ['stop', 'length', 'tool-calls', 'content-filter', 'other'];

const greeting: ChatRequestV1 = {
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: [{ type: 'text', text: 'Say hello to the conformance suite.' }] },
  ],
  maxTokens: 64,
  temperature: 0,
};

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`conformance: ${message}`);
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  try {
    await promise;
  } catch (error) {
    check(LLMRouterError.is(error), `expected an LLMRouterError with code ${code}, got ${String(error)}`);
    check(error.code === code, `expected code ${code}, got ${error.code}: ${error.message}`);
    check(error.hint.length > 0, `error ${code} has no hint`);
    return;
  }
  throw new Error(`conformance: expected an error with code ${code}, but the call succeeded`);
}

/** CancelSignal in AbortController's shape, so one test body serves both. */
class CancelSignalController {
  readonly signal = new CancelSignal();
  abort(): void {
    this.signal.abort();
  }
}

/**
 * The contract every provider package runs against its own test server:
 * generate, stream order, usage, finish reasons, tool calls, abort and error-code mapping.
 */
export function runChatModelConformance(target: ConformanceTarget, harness: ConformanceHarness): void {
  const { describe, it } = harness;
  describe(`chat model conformance: ${target.name}`, () => {
    it('generate returns text, a finish reason, usage, latency and metadata', async () => {
      const model = await target.createModel();
      check(model.specificationVersion === 'v1', 'specificationVersion must be v1');
      const result = await model.generate(greeting);
      check(result.text.length > 0, 'text is empty');
      check(FINISH_REASONS.includes(result.finishReason), `unknown finish reason ${result.finishReason}`);
      const { usage } = result;
      check(usage.inputTokens > 0 && usage.outputTokens > 0, 'usage must count input and output tokens');
      check(
        usage.totalTokens ===
          usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
        'totalTokens must be the sum of input, output, cache read and cache write tokens',
      );
      check(result.latencyMs >= 0, 'latencyMs must be set');
      check(typeof result.modelId === 'string' && result.modelId.length > 0, 'modelId must be set');
      check(Array.isArray(result.warnings), 'warnings must be an array');
      check(typeof result.providerMetadata === 'object', 'providerMetadata must be an object');
    });

    it('maxTokens cuts the answer with finish reason "length"', async () => {
      const model = await target.createModel();
      const result = await model.generate({ ...greeting, maxTokens: 1 });
      check(result.finishReason === 'length', `expected length, got ${result.finishReason}`);
    });

    it('stream yields start, deltas and one finish with usage, matching generate', async () => {
      const model = await target.createModel();
      const generated = await model.generate(greeting);
      const streamed = await collectStream(model.stream(greeting));
      const types = streamed.parts.map((part) => part.type);
      check(types[0] === 'start', `first part must be start, got ${types[0]}`);
      check(types.at(-1) === 'finish', `last part must be finish, got ${types.at(-1)}`);
      check(types.filter((type) => type === 'start').length === 1, 'exactly one start part');
      check(types.filter((type) => type === 'finish').length === 1, 'exactly one finish part');
      check(types.includes('text-delta'), 'no text-delta part');
      check(streamed.text === generated.text, 'streamed text differs from generated text');
      const finish = streamed.parts.at(-1);
      check(finish?.type === 'finish', 'finish part');
      check(finish.usage.outputTokens > 0 && finish.usage.inputTokens > 0, 'finish part must carry usage');
      check(FINISH_REASONS.includes(finish.finishReason), 'finish reason');
    });

    if (target.tools !== false) {
      it('a forced tool choice returns a tool call with JSON arguments, in generate and stream', async () => {
        const model = await target.createModel();
        const request: ChatRequestV1 = {
          messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] }],
          tools: [
            {
              name: 'get_weather',
              description: 'Current weather for a city',
              parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
          ],
          toolChoice: { type: 'tool', name: 'get_weather' },
          maxTokens: 128,
        };
        const result = await model.generate(request);
        check(result.finishReason === 'tool-calls', `expected tool-calls, got ${result.finishReason}`);
        const call = result.toolCalls[0];
        check(
          call !== undefined && call.name === 'get_weather' && call.id.length > 0,
          'tool call name and id',
        );
        check(typeof JSON.parse(call.arguments) === 'object', 'tool call arguments must be a JSON object');
        const streamed = await collectStream(model.stream(request));
        check(streamed.toolCalls[0]?.name === 'get_weather', 'streamed tool call name');
        check(
          typeof JSON.parse(streamed.toolCalls[0]?.arguments ?? '') === 'object',
          'streamed tool call arguments',
        );
        const finish = streamed.parts.at(-1);
        check(
          finish?.type === 'finish' && finish.finishReason === 'tool-calls',
          'streamed finish reason tool-calls',
        );
      });
    }

    // Both kinds of signal a host may pass: the standard one, and core's lighter CancelSignal.
    const signalKinds = [
      { kind: 'AbortSignal', create: () => new AbortController() },
      { kind: 'CancelSignal', create: () => new CancelSignalController() },
    ];
    for (const { kind, create } of signalKinds) {
      it(`an aborted ${kind} rejects generate and stream with code "aborted"`, async () => {
        const model = await target.createModel();
        const controller = create();
        controller.abort();
        await expectCode(model.generate(greeting, { signal: controller.signal }), 'aborted');
        await expectCode(collectStream(model.stream(greeting, { signal: controller.signal })), 'aborted');
      });

      it(`aborting a ${kind} mid-stream ends the stream with code "aborted" promptly`, async () => {
        const model = await target.createSlowModel();
        const controller = create();
        const started = Date.now();
        const consume = (async () => {
          for await (const part of model.stream(greeting, { signal: controller.signal })) {
            if (part.type === 'text-delta') controller.abort();
          }
        })();
        await expectCode(consume, 'aborted');
        check(Date.now() - started < 5_000, 'abort took longer than 5 seconds to end the stream');
      });
    }

    for (const failure of target.failures) {
      it(`maps "${failure.name}" to ${failure.expectedCode}`, async () => {
        const model = await failure.createModel();
        await expectCode(model.generate(greeting), failure.expectedCode);
        if (failure.stream !== false)
          await expectCode(collectStream(model.stream(greeting)), failure.expectedCode);
      });
    }
  });
}
