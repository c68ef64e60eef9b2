import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrometheus, sumBy } from '../playground/src/parse-prometheus';
import { readServerSentEvents, type ServerSentEvent } from '../playground/src/read-server-sent-events';
import { Counter, PrometheusRegistry } from './metrics/prometheus-registry';

// The playground's two parsers, run in Node against what the gateway really writes.

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(last, point));
    last = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(stream)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads the same events however the body is cut into pieces, multi-byte characters included', async () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((text) => !/[\r\n]/.test(text));
    const event = fc.record({
      event: fc.constantFrom('message', 'error'),
      data: fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (events, cuts, crlf) => {
          const newline = crlf ? '\r\n' : '\n';
          const text = events
            .map(
              (sent) =>
                `${sent.event === 'message' ? '' : `event: ${sent.event}${newline}`}${sent.data
                  .split('\n')
                  .map((part) => `data: ${part}`)
                  .join(newline)}${newline}${newline}`,
            )
            .join('');
          expect(await collect(streamOf(new TextEncoder().encode(text), cuts))).toEqual(events);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('skips comments and reads a last event that lacks its blank line', async () => {
    const text = ': keep-alive\n\ndata: {"a":1}\n\nevent: error\ndata: {"error":{}}';
    expect(await collect(streamOf(new TextEncoder().encode(text), [5, 17]))).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'error', data: '{"error":{}}' },
    ]);
  });
});

describe('parsePrometheus', () => {
  it('reads back every counter the gateway registry renders, whatever its label values', () => {
    const labelValue = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ model: labelValue, strategy: labelValue, amount: fc.nat({ max: 1000 }) }), {
          maxLength: 10,
        }),
        (increments) => {
          const registry = new PrometheusRegistry();
          const counter = registry.register(
            new Counter('llmrouter_route_decisions_total', 'Decisions.', ['model', 'strategy']),
          );
          const expected = new Map<string, number>();
          for (const { model, strategy, amount } of increments) {
            counter.inc([model, strategy], amount);
            expected.set(model, (expected.get(model) ?? 0) + amount);
          }
          const samples = parsePrometheus(registry.render());
          expect(sumBy(samples, 'llmrouter_route_decisions_total', 'model')).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads histograms and filters by label', () => {
    const text = [
      '# HELP llmrouter_requests_total Requests.',
      '# TYPE llmrouter_requests_total counter',
      'llmrouter_requests_total{endpoint="/v1/chat/completions",model="a",provider="bedrock",status="200"} 3',
      'llmrouter_requests_total{endpoint="/v1/chat/completions",model="a",provider="bedrock",status="502"} 1',
      'llmrouter_requests_total{endpoint="/",model="",provider="",status="200"} 9',
      'llmrouter_request_duration_seconds_bucket{endpoint="/",model="",le="+Inf"} 9',
      'llmrouter_requests_in_flight 2',
    ].join('\n');
    const samples = parsePrometheus(text);
    expect(samples).toHaveLength(5);
    const failed = sumBy(samples, 'llmrouter_requests_total', 'model', (labels) => labels.status !== '200');
    expect(failed).toEqual(new Map([['a', 1]]));
    expect(samples.at(-1)).toEqual({ name: 'llmrouter_requests_in_flight', labels: {}, value: 2 });
  });
});
