import { LLMRouterError, registerSecret } from '@llmrouter/errors';
import { parseApiKeys } from './parse-api-keys';

export interface ApiKeySources {
  apiKey?: string | undefined;
  apiKeys?: unknown;
  /** The variable the config names (`api_key_env`); read before the provider-level list. */
  apiKeyEnv?: string | undefined;
  /** The preset's variable (`NVIDIA_API_KEY`); read after the provider-level list. */
  presetEnv?: string | undefined;
  /** Names to look up in the dict form of `API_KEYS` (`NVIDIA`, `nvidia-nim`). */
  serviceNames: readonly string[];
  /** The environment, read on every call and never at import. */
  env?: () => Record<string, string | undefined>;
}

export interface SelectedKey {
  key: string;
  /** Where the key came from, for hints: `NVIDIA_API_KEY`, `api_keys entry 2 of 3`. Never the key. */
  source: string;
}

interface Candidates {
  keys: string[];
  label: (index: number) => string;
}

// `${NVIDIA_API_KEY}` left as is means the variable was unset when the config was loaded.
const PLACEHOLDER = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/**
 * The keys of one provider, in the order OpenClaw reads them: `api_key`, `api_key_env`, `api_keys`,
 * the preset's variable, then LLMRouter's `API_KEYS`. The first source with keys wins, and its keys
 * rotate round-robin, one per request attempt. Every key is registered for redaction.
 */
export class ApiKeyPool {
  private counter = 0;
  private readonly unresolved = new Set<string>();
  /** The keys of the `api_key` setting, or null when it has none that resolved. */
  private configured: Candidates | null | undefined;

  constructor(private readonly sources: ApiKeySources) {}

  next(): SelectedKey | undefined {
    const candidates = this.candidates();
    if (!candidates) return undefined;
    const index = this.counter % candidates.keys.length;
    this.counter = (this.counter + 1) % Number.MAX_SAFE_INTEGER;
    const key = candidates.keys[index] as string;
    return { key, source: candidates.label(index) };
  }

  /** The error for a provider that needs a key and has none, naming what to set. */
  missingKeyError(provider: string, displayName: string, modelId: string): LLMRouterError {
    const variable = this.sources.apiKeyEnv ?? this.sources.presetEnv;
    const unset = [...this.unresolved];
    const set = variable ? `Set ${variable}` : 'Set api_key_env to the variable holding the key';
    return new LLMRouterError({
      code: 'provider_credentials_missing',
      message: `No API key for ${displayName} (provider "${provider}", model "${modelId}").`,
      hint: `${set}, or give api_keys: ["\${${variable ?? 'MY_API_KEY'}}"] in the provider block${
        unset.length > 0
          ? ` (the config references ${unset.join(', ')}, which ${unset.length > 1 ? 'are' : 'is'} unset)`
          : ''
      }.`,
      provider,
      modelId,
    });
  }

  private candidates(): Candidates | undefined {
    // The `api_key` setting cannot change after start-up, and when it resolves it wins: worked out once.
    this.configured ??=
      this.usable(
        this.sources.apiKey === undefined ? [] : [this.sources.apiKey],
        () => 'the api_key setting',
      ) ?? null;
    if (this.configured) return this.configured;
    const env = this.sources.env?.() ?? process.env;
    const { apiKeys, apiKeyEnv, presetEnv, serviceNames } = this.sources;
    const options = { service: serviceNames };
    const attempts: Array<() => Candidates | undefined> = [
      () => this.fromEnv(env, apiKeyEnv),
      () => {
        const keys = this.usable(parseApiKeys(apiKeys, options), () => '')?.keys;
        return keys && { keys, label: (index) => `api_keys entry ${index + 1} of ${keys.length}` };
      },
      () => this.fromEnv(env, presetEnv),
      () => this.usable(parseApiKeys(env.API_KEYS, options), () => 'API_KEYS'),
    ];
    for (const attempt of attempts) {
      const found = attempt();
      if (found) return found;
    }
    return undefined;
  }

  private fromEnv(
    env: Record<string, string | undefined>,
    variable: string | undefined,
  ): Candidates | undefined {
    if (variable === undefined) return undefined;
    const keys = parseApiKeys(env[variable]);
    return this.usable(keys, (index) => (keys.length > 1 ? `${variable} entry ${index + 1}` : variable));
  }

  private usable(keys: string[], label: (index: number) => string): Candidates | undefined {
    const resolved: string[] = [];
    for (const key of keys) {
      const placeholder = PLACEHOLDER.exec(key);
      if (placeholder) this.unresolved.add(placeholder[1] as string);
      else resolved.push(key);
    }
    for (const key of resolved) registerSecret(key);
    return resolved.length > 0 ? { keys: resolved, label } : undefined;
  }
}

/** The headers that carry a key in the given mode. */
export function authHeaders(
  mode: 'bearer' | 'api-key' | 'none',
  key: string | undefined,
): Record<string, string> {
  if (key === undefined || mode === 'none') return {};
  return mode === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key };
}
