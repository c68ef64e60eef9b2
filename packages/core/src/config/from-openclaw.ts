import { findProviderKind } from '../provider-names';
import type { ConvertedConfig } from './config-formats';
import { formatPath, type Path } from './config-path';
import { type Dictionary, isDictionary } from './is-dictionary';

// OpenClaw spellings that differ from the native ones.
const LLM_RENAMES: Record<string, string> = { context_limit: 'context_window', feature: 'description' };
const AUTH_MODES: Record<string, string> = { 'x-api-key': 'api-key', api_key: 'api-key', header: 'api-key' };
// OpenClaw sections for features this gateway does not have; ignored with a warning rather than refused.
const IGNORED_SECTIONS = ['memory', 'session_routing', 'security', 'media', 'control_center', 'origin'];

function convertModel(llm: Dictionary): Dictionary {
  const model: Dictionary = {};
  for (const [key, value] of Object.entries(llm)) {
    if (key === 'provider_type') continue;
    if (key === 'auth_mode' && typeof value === 'string') model.auth_mode = AUTH_MODES[value] ?? value;
    else model[LLM_RENAMES[key] ?? key] = value;
  }
  return model;
}

function splitKeys(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean);
  return value;
}

/** The OpenClaw server YAML (`serve:`, `router:`, `llms:`, `api_keys:`) as a native config. */
export function fromOpenClaw(document: Dictionary): Omit<ConvertedConfig, 'format'> {
  const warnings: string[] = [];
  const llms = isDictionary(document.llms) ? document.llms : {};
  const models: Dictionary = {};
  for (const [name, llm] of Object.entries(llms)) models[name] = isDictionary(llm) ? convertModel(llm) : llm;

  const providers: Dictionary = {};
  if (isDictionary(document.api_keys)) {
    for (const [provider, keys] of Object.entries(document.api_keys)) {
      const kind = findProviderKind(provider);
      if (kind?.family === 'bedrock') providers[provider] = { api_key: Array.isArray(keys) ? keys[0] : keys };
      else providers[provider] = { api_keys: splitKeys(keys) };
    }
  }

  const router: Dictionary = isDictionary(document.router) ? { ...document.router } : { strategy: 'random' };
  const firstModel = Object.keys(models)[0];
  if (router.strategy === 'rules' && Array.isArray(router.rules)) {
    const rules: unknown[] = [];
    for (const rule of router.rules) {
      if (isDictionary(rule) && 'default' in rule && Object.keys(rule).length === 1)
        router.default = rule.default;
      else if (isDictionary(rule) && typeof rule.pattern === 'string') {
        const { pattern, ...rest } = rule;
        rules.push({ ...rest, patterns: [pattern] });
      } else rules.push(rule);
    }
    router.rules = rules;
    router.default ??= firstModel;
  }
  if (router.strategy === 'llm') {
    // OpenClaw describes the router model inline; reuse a configured model when it is the same one.
    const {
      provider,
      model,
      base_url,
      auth_mode,
      chat_path,
      api_key,
      api_key_env,
      provider_type: _type,
      ...rest
    } = router;
    const kind = typeof provider === 'string' ? findProviderKind(provider) : undefined;
    const existing = Object.entries(models).find(
      ([, entry]) =>
        isDictionary(entry) &&
        entry.model === model &&
        typeof entry.provider === 'string' &&
        findProviderKind(entry.provider)?.id === kind?.id,
    );
    let routerModel = typeof rest.router_model === 'string' ? rest.router_model : existing?.[0];
    if (!routerModel && typeof model === 'string') {
      routerModel = 'router-model';
      models[routerModel] = convertModel({
        provider: provider ?? 'openai-compatible',
        model,
        routable: false,
        description: 'The model that routes requests (router.model in the OpenClaw config)',
        ...(base_url === undefined ? {} : { base_url }),
        ...(auth_mode === undefined ? {} : { auth_mode }),
        ...(chat_path === undefined ? {} : { chat_path }),
        ...(api_key === undefined ? {} : { api_key }),
        ...(api_key_env === undefined ? {} : { api_key_env }),
      });
    }
    for (const key of [
      'provider',
      'model',
      'base_url',
      'auth_mode',
      'chat_path',
      'api_key',
      'api_key_env',
      'provider_type',
    ]) {
      delete router[key];
    }
    router.router_model = routerModel;
    router.default ??= firstModel;
  }
  if (router.strategy === 'llmrouter') {
    for (const key of ['model_path', 'config_path']) {
      if (typeof router[key] === 'string') router.artifact ??= router[key];
      delete router[key];
    }
    delete router.name;
  }

  for (const section of IGNORED_SECTIONS) {
    if (section in document)
      warnings.push(`The OpenClaw "${section}" section is not used by this gateway and was ignored.`);
  }
  const known = new Set(['serve', 'router', 'llms', 'api_keys', ...IGNORED_SECTIONS]);
  const native: Dictionary = { models, router, providers };
  if (isDictionary(document.serve)) native.server = document.serve;
  // Unknown top-level keys go through so the strict schema names them.
  for (const [key, value] of Object.entries(document)) if (!known.has(key)) native[key] = value;

  return {
    document: native,
    warnings,
    pathInSource(path: Path): string {
      const [first, second, ...rest] = path;
      if (first === 'server') return formatPath(['serve', ...path.slice(1)]);
      if (first === 'models') {
        const renamed = rest.map((key) => (key === 'context_window' ? 'context_limit' : key));
        if (second === 'router-model' && !('router-model' in llms)) return formatPath(['router', ...renamed]);
        return formatPath(['llms', second ?? '', ...renamed]);
      }
      if (first === 'providers' && path[2] === 'api_keys')
        return formatPath(['api_keys', second ?? '', ...path.slice(3)]);
      return formatPath(path);
    },
  };
}
