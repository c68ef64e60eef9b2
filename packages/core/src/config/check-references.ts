import { findProviderKind, knownProviderNames, type ProviderKind } from '../provider-names';
import { checkBedrockModelIdForm } from './bedrock-model-id';
import { type ConfigIssue, closestMatches } from './config-issues';
import type { Path } from './config-path';
import type { LLMRouterConfig, ModelEntry } from './config-schema';

/** The provider kind a model entry uses: its providers block's `type`, the block's name, or the name itself. */
export function providerKindOf(config: LLMRouterConfig, entry: ModelEntry): ProviderKind | undefined {
  const block = config.providers[entry.provider];
  return findProviderKind(block?.type ?? entry.provider);
}

/** Checks what a schema cannot: names that must exist, provider names, id forms, prices a strategy needs. */
export function checkReferences(
  config: LLMRouterConfig,
  pathInSource: (path: Path) => string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const modelNames = Object.keys(config.models);
  const routable = modelNames.filter((name) => {
    const entry = config.models[name];
    return entry && entry.kind !== 'embedding' && entry.routable !== false;
  });

  if (modelNames.length === 0) {
    issues.push({
      path: pathInSource(['models']),
      problem: 'no models are configured',
      fix: 'add at least one model',
    });
  }

  for (const [providerName, block] of Object.entries(config.providers)) {
    if (!findProviderKind(block.type ?? providerName)) {
      issues.push({
        path: pathInSource(['providers', providerName, ...(block.type ? ['type'] : [])]),
        problem: 'unknown provider',
        value: block.type ?? providerName,
        fix: `set type to one of ${knownProviderNames().join(', ')}`,
      });
    }
  }

  for (const [name, entry] of Object.entries(config.models)) {
    if (name === 'auto') {
      issues.push({
        path: pathInSource(['models', name]),
        problem: '"auto" is reserved for routing',
        fix: 'rename the model',
      });
    }
    const kind = providerKindOf(config, entry);
    if (!kind) {
      const suggestions = closestMatches(entry.provider, [
        ...knownProviderNames(),
        ...Object.keys(config.providers),
      ]);
      issues.push({
        path: pathInSource(['models', name, 'provider']),
        problem: 'unknown provider',
        value: entry.provider,
        fix: `${suggestions.length ? `did you mean ${suggestions.join(' or ')}? ` : ''}known providers: ${knownProviderNames().join(', ')} (case-insensitive), or a name under providers:`,
      });
      continue;
    }
    if (kind.family === 'bedrock') {
      const problem = checkBedrockModelIdForm(entry.model);
      if (problem) {
        issues.push({
          path: pathInSource(['models', name, 'model']),
          problem: 'not a valid Bedrock model id',
          value: entry.model,
          fix: problem,
        });
      }
    } else if (entry.aws_region !== undefined) {
      issues.push({
        path: pathInSource(['models', name, 'aws_region']),
        problem: `aws_region only applies to Bedrock models, but this model uses ${kind.displayName}`,
        fix: 'remove aws_region, or set provider: bedrock',
      });
    }
    if (kind.id === 'openai-compatible' && !entry.base_url && !config.providers[entry.provider]?.base_url) {
      issues.push({
        path: pathInSource(['models', name, 'base_url']),
        problem: 'a custom OpenAI-compatible model needs a base URL',
        fix: 'add base_url: http://host:port/v1 (or name a preset provider such as vllm or ollama)',
      });
    }
  }

  const router = config.router;
  const mustName = (
    names: readonly string[] | undefined,
    path: Path,
    pool: readonly string[],
    what: string,
  ) => {
    for (const [index, modelName] of (names ?? []).entries()) {
      if (pool.includes(modelName)) continue;
      const suggestions = closestMatches(modelName, pool);
      issues.push({
        path: pathInSource([...path, index]),
        problem: `${what} "${modelName}" is not a configured model`,
        value: modelName,
        fix: suggestions.length
          ? `did you mean ${suggestions.join(' or ')}?`
          : `use one of ${pool.join(', ')}`,
      });
    }
  };
  const mustNameOne = (modelName: string | undefined, path: Path, pool: readonly string[], what: string) => {
    if (modelName === undefined || pool.includes(modelName)) return;
    const suggestions = closestMatches(modelName, pool);
    issues.push({
      path: pathInSource(path),
      problem: `${what} "${modelName}" is not a configured model`,
      value: modelName,
      fix: suggestions.length ? `did you mean ${suggestions.join(' or ')}?` : `use one of ${pool.join(', ')}`,
    });
  };

  mustName(router.fallback_models, ['router', 'fallback_models'], modelNames, 'fallback model');
  mustName(router.candidates, ['router', 'candidates'], routable, 'candidate');
  if (router.strategy === 'random' || router.strategy === 'round_robin') {
    mustName(Object.keys(router.weights ?? {}), ['router', 'weights'], routable, 'weighted model');
  }
  if (router.strategy === 'rules') {
    router.rules.forEach((rule, index) => {
      mustNameOne(rule.model, ['router', 'rules', index, 'model'], routable, 'rule model');
      rule.patterns?.forEach((pattern, patternIndex) => {
        try {
          new RegExp(pattern, 'i');
        } catch (error) {
          issues.push({
            path: pathInSource(['router', 'rules', index, 'patterns', patternIndex]),
            problem: `not a valid regular expression (${(error as Error).message})`,
            value: pattern,
            fix: 'escape special characters such as ( [ + ? with a backslash',
          });
        }
      });
    });
    mustNameOne(router.default, ['router', 'default'], routable, 'default model');
  }
  if (router.strategy === 'llm') {
    mustNameOne(router.router_model, ['router', 'router_model'], modelNames, 'router model');
    mustNameOne(router.default, ['router', 'default'], routable, 'default model');
  }
  if (router.strategy === 'llmrouter') {
    mustNameOne(router.default, ['router', 'default'], routable, 'default model');
    if (router.embedder?.type === 'model') {
      mustNameOne(router.embedder.model, ['router', 'embedder', 'model'], modelNames, 'embedding model');
    }
  }

  // A cost-aware decision cannot weigh a model whose price is unknown.
  const costAware =
    router.strategy === 'llmrouter' || router.cost_weight !== undefined || router.preset !== undefined;
  if (costAware) {
    issues.push(
      ...missingPriceIssues(config, router.candidates ?? routable, pathInSource, (field) => ({
        problem: `missing ${field.replace('_', ' ')}, which the cost-aware "${router.strategy}" router needs`,
        fix: `add ${field}: <USD per million tokens> (0 for a free local model)`,
      })),
    );
  }
  return issues;
}

type PriceField = 'input_price' | 'output_price';

/** An issue for each of the named models' missing prices, worded by the caller for its reason. */
export function missingPriceIssues(
  config: LLMRouterConfig,
  names: readonly string[],
  pathInSource: (path: Path) => string,
  describe: (field: PriceField) => { problem: string; fix: string },
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of names) {
    const entry = config.models[name];
    if (!entry) continue;
    for (const field of ['input_price', 'output_price'] as const) {
      if (entry[field] === undefined)
        issues.push({ path: pathInSource(['models', name, field]), ...describe(field) });
    }
  }
  return issues;
}
