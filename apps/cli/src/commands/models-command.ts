import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const modelsCommand: CommandSpec = {
  name: 'models',
  summary: 'list the configured models with provider, region, prices and capabilities',
  usage: ['llmrouter models --config configs/mixed_providers.yaml', 'llmrouter models --json'],
  options: { config: CONFIG_OPTION, json: JSON_OPTION },
  load: () => import('./run-models'),
};
