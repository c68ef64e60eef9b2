import { registerSecret } from '@llmrouter/errors';

/**
 * Secrets come from the environment by reference: `${VAR}`, `${VAR:-default}` (bash style) and
 * `os.environ/VAR` (LiteLLM style). References are resolved once at load; values found under a
 * secret-like key are registered for redaction so they can never be printed.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const LITELLM = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;
const SECRET_KEY = /(key|secret|token|password|credential)/i;

export interface ResolveResult {
  value: unknown;
  /** Paths of references to variables that are not set (the field is left out). */
  unset: Array<{ path: string; variable: string }>;
}

/** Replaces references in every string of a parsed document. An unset variable without default drops the field. */
export function resolveEnvReferences(document: unknown, environment: Environment): ResolveResult {
  const unset: ResolveResult['unset'] = [];
  const missing = Symbol('missing');

  function resolveString(text: string, path: string, secret: boolean): string | typeof missing {
    const litellm = LITELLM.exec(text.trim());
    let dropped = false;
    const lookup = (variable: string, fallback: string | undefined): string => {
      const value = environment[variable];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      dropped = true;
      unset.push({ path, variable });
      return '';
    };
    const resolved = litellm
      ? lookup(litellm[1] ?? '', undefined)
      : text.replace(BRACED, (_whole, variable: string, fallback: string | undefined) =>
          lookup(variable, fallback),
        );
    if (dropped) return missing;
    if (secret && resolved !== text) registerSecret(resolved);
    return resolved;
  }

  function walk(value: unknown, path: string, secret: boolean): unknown {
    if (typeof value === 'string') return resolveString(value, path, secret);
    if (Array.isArray(value)) {
      return value
        .map((item, index) => walk(item, `${path}[${index}]`, secret))
        .filter((item) => item !== missing);
    }
    if (value !== null && typeof value === 'object') {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const resolved = walk(item, path ? `${path}.${key}` : key, secret || SECRET_KEY.test(key));
        if (resolved !== missing) result[key] = resolved;
      }
      return result;
    }
    return value;
  }

  return { value: walk(document, '', false), unset };
}
