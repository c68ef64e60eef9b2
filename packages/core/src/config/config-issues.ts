import { LLMRouterError } from '@llmrouter/errors';

/** One thing wrong with a config: where, what, the bad value, and how to fix it. */
export interface ConfigIssue {
  /** Dotted path in the user's file, e.g. `llms.claude.input_price`. */
  path: string;
  problem: string;
  value?: unknown;
  fix: string;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One error listing every issue, so the user fixes the file in one pass. */
export function configInvalid(source: string, issues: ConfigIssue[]): LLMRouterError {
  const lines = issues.map(
    (issue) =>
      `${source}: ${issue.path || '(top level)'}: ${issue.problem}${'value' in issue ? ` (got ${describeValue(issue.value)})` : ''}. Fix: ${issue.fix}`,
  );
  const first = issues[0];
  return new LLMRouterError({
    code: 'config_invalid',
    message:
      issues.length === 1 ? (lines[0] ?? '') : `${issues.length} problems in ${source}:\n${lines.join('\n')}`,
    hint: first ? `${first.path}: ${first.fix}` : `Check ${source}.`,
    details: { source, issues: issues.map(({ path, problem, fix }) => ({ path, problem, fix })) },
  });
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= right.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] ?? 0) + 1,
        diagonal + (left[i - 1] === right[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[right.length] ?? 0;
}

/** The closest candidates to `word`, nearest first, within a distance that still looks like a typo. */
export function closestMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  const near = candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((left, right) => left.distance - right.distance);
  // Only the nearest: "input_prise" suggests input_price, not output_price as well.
  const best = near[0]?.distance;
  return near
    .filter(({ distance }) => distance === best)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
