import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, PrometheusRegistry } from './prometheus-registry';

describe('PrometheusRegistry', () => {
  it('renders cumulative histogram buckets, sum and count per label set', () => {
    const registry = new PrometheusRegistry();
    const latency = registry.register(new Histogram('latency_seconds', 'Latency.', [0.1, 1, 10], ['model']));
    for (const value of [0.05, 0.1, 0.5, 5, 50]) latency.observe(['a'], value);
    latency.observe(['b'], 2);
    expect(registry.render()).toBe(
      [
        '# HELP latency_seconds Latency.',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{model="a",le="0.1"} 2',
        'latency_seconds_bucket{model="a",le="1"} 3',
        'latency_seconds_bucket{model="a",le="10"} 4',
        'latency_seconds_bucket{model="a",le="+Inf"} 5',
        'latency_seconds_sum{model="a"} 55.65',
        'latency_seconds_count{model="a"} 5',
        'latency_seconds_bucket{model="b",le="0.1"} 0',
        'latency_seconds_bucket{model="b",le="1"} 0',
        'latency_seconds_bucket{model="b",le="10"} 1',
        'latency_seconds_bucket{model="b",le="+Inf"} 1',
        'latency_seconds_sum{model="b"} 2',
        'latency_seconds_count{model="b"} 1',
        '',
      ].join('\n'),
    );
  });

  it('keeps label sets apart and escapes values only in the text', () => {
    const requests = new Counter('requests_total', 'Requests.', ['model', 'status']);
    requests.inc(['a', '200']);
    requests.inc(['a', '200'], 2);
    requests.inc(['a', '500']);
    requests.inc(['say "hi"\\\n', '200']);
    expect(requests.value(['a', '200'])).toBe(3);
    expect(requests.value(['a', '404'])).toBe(0);
    expect(requests.render()).toEqual([
      'requests_total{model="a",status="200"} 3',
      'requests_total{model="a",status="500"} 1',
      'requests_total{model="say \\"hi\\"\\\\\\n",status="200"} 1',
    ]);
  });

  it('sets and adds to gauges, with or without labels', () => {
    const inFlight = new Gauge('in_flight', 'In flight.');
    inFlight.inc([], 1);
    inFlight.inc([], 1);
    inFlight.inc([], -1);
    expect(inFlight.render()).toEqual(['in_flight 1']);
    const pools = new Gauge('pool_size', 'Pool size.', ['pool']);
    pools.set(['x'], 7);
    pools.set(['x'], 5);
    expect(pools.render()).toEqual(['pool_size{pool="x"} 5']);
    expect(() => pools.set([], 1)).toThrow(/pool_size takes 1 label values \(pool\)/);
  });
});
