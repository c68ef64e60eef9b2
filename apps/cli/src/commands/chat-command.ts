import { CONFIG_OPTION, type CommandSpec } from '../command-spec';

export const chatCommand: CommandSpec = {
  name: 'chat',
  summary: 'interactive streaming chat in the terminal, routed per message or with a model you pick',
  usage: ['llmrouter chat --config configs/bedrock_config.yaml', 'llmrouter chat --model claude-3-haiku'],
  options: {
    config: CONFIG_OPTION,
    model: {
      type: 'string',
      short: 'm',
      value: 'name',
      description: 'start with this model instead of auto',
    },
    router: { type: 'string', value: 'strategy', description: "routing strategy instead of the config's" },
    artifact: { type: 'string', value: 'file', description: 'trained kNN artifact for --router llmrouter' },
    system: { type: 'string', value: 'text', description: 'a system prompt for the conversation' },
    temperature: {
      type: 'string',
      short: 't',
      value: 'number',
      description: 'sampling temperature (0 to 2)',
    },
    'max-tokens': { type: 'string', value: 'count', description: 'most tokens per answer' },
  },
  notes: [
    'In the chat:',
    '  /model <name|auto>   answer with that model, or route each message (auto)',
    '  /models              list the configured chat models and their prices',
    '  /clear               forget the conversation so far',
    '  /help, /exit         this list; leave (Ctrl-D too)',
    'Ctrl-C stops an answer that is streaming; at the prompt it leaves.',
  ],
  load: () => import('./run-chat'),
};
