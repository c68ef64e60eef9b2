import { editDistance } from '@llmrouter/core';

export interface RouterAnswer {
  model: string;
  /** How the name was read: a JSON object, the bare exact name, or a close match. */
  match: 'json' | 'exact' | 'close';
  /** Expected quality per model, when the router model gave them. */
  scores?: Record<string, number>;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The first `{...}` object in the text (models often wrap JSON in prose or ``` fences). */
function firstJsonObject(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function readScores(value: unknown, names: readonly string[]): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const scores: Record<string, number> = {};
  for (const name of names) {
    const score = (value as Record<string, unknown>)[name];
    if (typeof score === 'number' && Number.isFinite(score)) scores[name] = score;
  }
  return Object.keys(scores).length === names.length ? scores : undefined;
}

/**
 * A close match is accepted only when it is unambiguous: one name contained in the answer (the longest,
 * when one name contains another), or one name within edit distance 2 of the whole answer.
 */
function closeMatch(answer: string, names: readonly string[]): string | undefined {
  const text = normalize(answer);
  if (text.length === 0) return undefined;
  const contained = names.filter((name) => normalize(name).length > 0 && text.includes(normalize(name)));
  if (contained.length > 0) {
    const longest = contained.reduce((best, name) =>
      normalize(name).length > normalize(best).length ? name : best,
    );
    const rivals = contained.filter(
      (name) => name !== longest && !normalize(longest).includes(normalize(name)),
    );
    return rivals.length === 0 ? longest : undefined;
  }
  const near = names.filter((name) => editDistance(text, normalize(name)) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** Reads the router model's answer strictly: JSON `{"model": …}`, then the exact name, then a close match. */
export function parseRouterAnswer(text: string, names: readonly string[]): RouterAnswer | undefined {
  const object = firstJsonObject(text);
  if (object && typeof object['model'] === 'string') {
    const named = object['model'].trim();
    const scores = readScores(object['scores'], names);
    const model = names.includes(named) ? named : closeMatch(named, names);
    if (model === undefined) return undefined;
    const match = model === named ? 'json' : 'close';
    return scores ? { model, match, scores } : { model, match };
  }
  const bare = text
    .trim()
    .replace(/^["'`]+|["'`.]+$/g, '')
    .trim();
  if (names.includes(bare)) return { model: bare, match: 'exact' };
  const model = closeMatch(bare.length <= 200 ? bare : '', names);
  return model === undefined ? undefined : { model, match: 'close' };
}
