import { LLMRouterError } from '@llmrouter/errors';

/** A router setting that cannot work, named by its path in the user's config file. */
export function routerConfigError(
  path: string,
  problem: string,
  fix: string,
  value?: unknown,
): LLMRouterError {
  return new LLMRouterError({
    code: 'config_invalid',
    message: `router.${path}: ${problem}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}.`,
    hint: `router.${path}: ${fix}`,
    details: { path: `router.${path}`, problem, fix },
  });
}

/** Checks that `name` is one of the configured candidate names; the config path goes in the error. */
export function requireCandidateName(name: string, path: string, known: ReadonlySet<string>): void {
  if (known.has(name)) return;
  const list = [...known].slice(0, 12).join(', ');
  throw routerConfigError(
    path,
    `"${name}" is not a configured candidate model`,
    `use one of the configured model names (${list}) or add "${name}" under models:`,
  );
}
