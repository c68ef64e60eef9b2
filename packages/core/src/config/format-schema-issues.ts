import type { z } from 'zod';
import { type ConfigIssue, closestMatches } from './config-issues';
import type { Path } from './config-path';
import { KNOWN_KEYS } from './config-schema';

/** Which strict object a path points into, for "did you mean" on unknown keys. */
function knownKeysAt(path: Path): readonly string[] {
  const [first, , third] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (first === 'server') {
    if (path.length === 1) return KNOWN_KEYS.server;
    return path[1] === 'limits' ? KNOWN_KEYS.limits : path[1] === 'auth' ? KNOWN_KEYS.auth : KNOWN_KEYS.cors;
  }
  if (first === 'models') return KNOWN_KEYS.model;
  if (first === 'router')
    return path.length >= 3 && path[1] === 'rules' && third !== undefined
      ? KNOWN_KEYS.rule
      : KNOWN_KEYS.router;
  return [];
}

function valueAt(document: unknown, path: Path): unknown {
  let current = document;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const FIXES: Record<string, string> = {
  input_price: 'give the price in USD per million input tokens, e.g. input_price: 3.0',
  output_price: 'give the price in USD per million output tokens, e.g. output_price: 15.0',
  provider: 'name a provider such as bedrock, openai, nvidia, vllm, ollama or anthropic',
  model: "give the provider's model id, e.g. anthropic.claude-3-5-sonnet-20240620-v1:0",
  aws_region: 'use an AWS region code such as us-east-1 or eu-west-1',
  strategy: 'use one of random, round_robin, rules, llm, llmrouter',
  port: 'use a port number between 0 and 65535',
  base_url: 'use a full URL such as https://integrate.api.nvidia.com/v1',
};

/** Turns zod's issues into ConfigIssues with a path in the user's file and a concrete fix. */
export function formatSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  document: unknown,
  pathInSource: (path: Path) => string,
): ConfigIssue[] {
  const result: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestions = closestMatches(key, knownKeysAt(path));
        result.push({
          path: pathInSource([...path, key]),
          problem: `unknown key "${key}"`,
          fix: suggestions.length
            ? `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
            : `remove it; allowed keys here: ${knownKeysAt(path).join(', ')}`,
        });
      }
      continue;
    }
    const last = path.at(-1);
    const value = valueAt(document, path);
    const fieldFix = typeof last === 'string' ? FIXES[last] : undefined;
    if (issue.code === 'invalid_union' && last === 'strategy') {
      result.push({
        path: pathInSource(path),
        problem: 'unknown strategy',
        value,
        fix: FIXES.strategy ?? '',
      });
      continue;
    }
    const problem =
      value === undefined && issue.code === 'invalid_type'
        ? `missing required "${String(last)}"`
        : issue.message.replace(/^Invalid input: /, '');
    result.push({
      path: pathInSource(path),
      problem,
      ...(value === undefined ? {} : { value }),
      fix:
        fieldFix ??
        (issue.code === 'invalid_value' && 'values' in issue
          ? `use one of ${issue.values.map(String).join(', ')}`
          : 'correct the value as the problem says'),
    });
  }
  return result;
}
