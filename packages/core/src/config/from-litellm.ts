import { findProviderKind } from '../provider-names';
import type { ConvertedConfig } from './config-formats';
import { formatPath, type Path } from './config-path';
import { type Dictionary, isDictionary } from './is-dictionary';

// LiteLLM's provider prefixes (`bedrock/…`, `nvidia_nim/…`) and the provider kinds they mean.
const PREFIXES: Record<string, string> = {
  bedrock: 'bedrock',
  openai: 'openai',
  text_completion_openai: 'openai',
  anthropic: 'anthropic',
  nvidia_nim: 'nvidia',
  hosted_vllm: 'vllm',
  vllm: 'vllm',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  lm_studio: 'lmstudio',
  groq: 'groq',
  together_ai: 'together',
  openrouter: 'openrouter',
  deepseek: 'deepseek',
  mistral: 'mistral',
  llamafile: 'openai-compatible',
};
// litellm_params keys and where they go in a native model entry.
const PARAMS: Record<string, string> = {
  aws_region_name: 'aws_region',
  api_base: 'base_url',
  api_key: 'api_key',
  max_tokens: 'max_tokens',
};
const SETTINGS: Record<string, string> = {
  aws_profile_name: 'profile',
  aws_access_key_id: 'access_key_id',
  aws_secret_access_key: 'secret_access_key',
  aws_session_token: 'session_token',
  aws_bedrock_runtime_endpoint: 'endpoint',
  timeout: 'timeout_ms',
  max_retries: 'max_retries',
};
// Load-balancing knobs LiteLLM reads; this gateway has its own limits, so they are dropped with a warning.
const IGNORED_PARAMS = new Set([
  'rpm',
  'tpm',
  'order',
  'weight',
  'stream_timeout',
  'input_cost_per_token',
  'output_cost_per_token',
]);

function splitModel(model: string): { provider: string; modelId: string } {
  const slash = model.indexOf('/');
  const prefix = slash > 0 ? model.slice(0, slash) : '';
  const provider = PREFIXES[prefix];
  if (!provider) return { provider: prefix || 'openai', modelId: slash > 0 ? model.slice(slash + 1) : model };
  let modelId = model.slice(slash + 1);
  // `bedrock/converse/<id>` and `bedrock/invoke/<id>` choose an API in LiteLLM; the id follows.
  if (provider === 'bedrock') modelId = modelId.replace(/^(converse|invoke)\//, '');
  return { provider, modelId };
}

/** LiteLLM's proxy config (`model_list` of `model_name` + `litellm_params`) as a native config. */
export function fromLiteLLM(document: Dictionary): Omit<ConvertedConfig, 'format'> {
  const warnings: string[] = [];
  const models: Dictionary = {};
  const indexByName = new Map<string, number>();
  const list = Array.isArray(document.model_list) ? document.model_list : [];
  list.forEach((item, index) => {
    if (!isDictionary(item)) return;
    const params = isDictionary(item.litellm_params) ? item.litellm_params : {};
    const info = isDictionary(item.model_info) ? item.model_info : {};
    let name = typeof item.model_name === 'string' ? item.model_name : `model-${index}`;
    if (name in models) {
      // LiteLLM load-balances deployments that share a name; here each needs its own.
      let suffix = 2;
      while (`${name}-${suffix}` in models) suffix++;
      warnings.push(
        `model_list[${index}]: "${name}" is listed twice; the second is named "${name}-${suffix}".`,
      );
      name = `${name}-${suffix}`;
    }
    indexByName.set(name, index);
    const { provider, modelId } = splitModel(typeof params.model === 'string' ? params.model : '');
    const model: Dictionary = {
      provider: findProviderKind(provider) ? provider : provider || 'openai',
      model: modelId,
    };
    const settings: Dictionary = {};
    for (const [key, value] of Object.entries(params)) {
      if (key === 'model') continue;
      if (PARAMS[key]) model[PARAMS[key]] = value;
      else if (SETTINGS[key])
        settings[SETTINGS[key]] = key === 'timeout' && typeof value === 'number' ? value * 1000 : value;
      else if (IGNORED_PARAMS.has(key))
        warnings.push(`model_list[${index}].litellm_params.${key} is not used and was ignored.`);
      else settings[key] = value;
    }
    if (provider === 'openai' && model.base_url !== undefined) model.provider = 'openai-compatible';
    const inputCost = info.input_cost_per_token ?? params.input_cost_per_token;
    const outputCost = info.output_cost_per_token ?? params.output_cost_per_token;
    if (typeof inputCost === 'number') model.input_price = Number((inputCost * 1_000_000).toPrecision(12));
    if (typeof outputCost === 'number') model.output_price = Number((outputCost * 1_000_000).toPrecision(12));
    if (info.mode === 'embedding') model.kind = 'embedding';
    if (typeof info.max_input_tokens === 'number') model.context_window = info.max_input_tokens;
    if (Object.keys(settings).length) model.settings = settings;
    models[name] = model;
  });

  const server: Dictionary = {};
  const general = isDictionary(document.general_settings) ? document.general_settings : {};
  if (typeof general.master_key === 'string') server.auth = { master_key: general.master_key };
  if ('router_settings' in document)
    warnings.push('LiteLLM router_settings are not used; set router: in a native config.');
  const fallbacks = isDictionary(document.litellm_settings) ? document.litellm_settings.fallbacks : undefined;
  if (fallbacks !== undefined)
    warnings.push('litellm_settings.fallbacks are not used; set router.fallback_models.');

  return {
    document: { models, server, router: { strategy: 'random' } },
    warnings,
    pathInSource(path: Path): string {
      const [first, name, field, ...rest] = path;
      if (first === 'server') return formatPath(['general_settings', 'master_key']);
      if (first !== 'models' || typeof name !== 'string') return formatPath(path);
      const index = indexByName.get(name) ?? 0;
      const base = ['model_list', index];
      if (field === undefined) return formatPath(base);
      if (field === 'input_price') return formatPath([...base, 'model_info', 'input_cost_per_token']);
      if (field === 'output_price') return formatPath([...base, 'model_info', 'output_cost_per_token']);
      const source = Object.entries(PARAMS).find(([, native]) => native === field)?.[0];
      if (field === 'provider' || field === 'model') return formatPath([...base, 'litellm_params', 'model']);
      return formatPath([...base, 'litellm_params', source ?? field, ...rest]);
    },
  };
}
