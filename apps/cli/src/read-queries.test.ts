import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQueries } from './read-queries';
import { routerFromFlags } from './router-override';

const query = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter((text) => text.trim() !== '' && !/[\r\n]/.test(text));

describe('reading queries for infer --input', () => {
  it('reads the same queries from .json, .jsonl and text files', () => {
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 10 }), (queries) => {
        const expected = queries.map((text) => ({ query: text }));
        expect(parseQueries(JSON.stringify(queries), 'q.json')).toEqual(expected);
        expect(parseQueries(JSON.stringify(queries.map((text) => ({ query: text }))), 'q.json')).toEqual(
          expected,
        );
        expect(
          parseQueries(queries.map((text) => JSON.stringify({ query: text })).join('\n'), 'q.jsonl'),
        ).toEqual(expected);
        const trimmed = queries.map((text) => ({ query: text.trim() }));
        expect(parseQueries(queries.join('\n'), 'q.txt')).toEqual(trimmed);
      }),
      { numRuns: 150 },
    );
  });

  it('names the problem and the file', () => {
    expect(() => parseQueries('{"query": 1}', 'q.json')).toThrow(/q\.json: the JSON is not a list/);
    expect(() => parseQueries('[{"text": "x"}]', 'q.json')).toThrow(/item 0/);
    expect(() => parseQueries('{"query":"a"}\nnot json', 'q.jsonl')).toThrow(/line 2/);
    expect(() => parseQueries('\n\n', 'q.txt')).toThrow(/no queries/);
  });
});

describe('--router and --artifact', () => {
  const rules = { strategy: 'rules' as const, rules: [], default: 'a', fallback_models: ['b'] };
  it('keeps the config router for its own strategy and builds the others', () => {
    expect(routerFromFlags(rules, 'rules', undefined, '/work')).toBe(rules);
    expect(routerFromFlags(rules, 'round-robin', undefined, '/work')).toEqual({
      strategy: 'round_robin',
      fallback_models: ['b'],
    });
    expect(routerFromFlags(rules, 'knnrouter', 'r.knn', '/work')).toEqual({
      strategy: 'llmrouter',
      artifact: '/work/r.knn',
      fallback_models: ['b'],
    });
    expect(routerFromFlags(rules, undefined, 'r.knn', '/work')).toMatchObject({
      strategy: 'llmrouter',
      artifact: '/work/r.knn',
    });
  });

  it('refuses what a flag cannot give', () => {
    expect(() => routerFromFlags({ strategy: 'random' }, 'llm', undefined, '/')).toThrow(/router_model/);
    expect(() => routerFromFlags({ strategy: 'random' }, 'knn', undefined, '/')).toThrow(/artifact/);
    expect(() => routerFromFlags({ strategy: 'random' }, 'best', undefined, '/')).toThrow(/Unknown router/);
  });
});
