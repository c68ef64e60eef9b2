import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const generateDataCommand: CommandSpec = {
  name: 'generate-data',
  summary: 'answer a question set with candidate models, score the answers, and write routing data for train',
  usage: [
    'llmrouter generate-data --questions questions.jsonl --output routing.json',
    'llmrouter generate-data --questions qa.json --models claude-3-haiku,nova-lite --metric judge --judge claude-sonnet-4-5',
  ],
  options: {
    config: CONFIG_OPTION,
    questions: {
      type: 'string',
      short: 'q',
      value: 'file',
      description: 'JSON array or JSONL of {question, answer, choices?, metric?}',
    },
    models: {
      type: 'string',
      short: 'm',
      value: 'a,b,c',
      description: 'models to ask (default: every routable chat model)',
    },
    metric: {
      type: 'string',
      value: 'name',
      description: 'auto (default), exact, f1, choice, numeric or judge',
    },
    judge: {
      type: 'string',
      value: 'model',
      description: 'the model that grades answers for --metric judge',
    },
    output: {
      type: 'string',
      short: 'o',
      value: 'file',
      description: 'routing data to write (default routing-data.json)',
    },
    cache: {
      type: 'string',
      value: 'file',
      description: 'append-only answer cache (default <output>.cache.jsonl)',
    },
    concurrency: { type: 'string', value: 'count', description: 'calls at once (default 4)' },
    'max-tokens': { type: 'string', value: 'count', description: 'most tokens per answer (default 512)' },
    temperature: {
      type: 'string',
      short: 't',
      value: 'number',
      description: 'sampling temperature (default 0)',
    },
    json: JSON_OPTION,
  },
  notes: [
    'Every answer is appended to the cache as soon as it arrives; run the same command again after an',
    'interruption and only the missing (question, model) pairs are asked. auto scores multiple choice when',
    'a row has choices, numeric when its answer is a number, else token F1.',
  ],
  load: () => import('./run-generate-data'),
};
