import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'check every configured model: config, SDK, credentials, region, model id, and a one-token call',
  usage: [
    'llmrouter doctor --config configs/bedrock_config.yaml',
    'llmrouter doctor --model claude-3-haiku --offline',
  ],
  options: {
    config: CONFIG_OPTION,
    model: {
      type: 'string',
      short: 'm',
      value: 'name',
      multiple: true,
      description: 'check only this model (repeatable)',
    },
    offline: { type: 'boolean', description: 'skip the one-token call (no network, no cost)' },
    json: JSON_OPTION,
  },
  notes: [
    'Prints ✓ or ✗ per check with the fix for each ✗; exits 0 only when every check passes. Never prints a secret.',
  ],
  load: () => import('./run-doctor'),
};
