import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const inferCommand: CommandSpec = {
  name: 'infer',
  summary: 'route a query (or a file of queries) to a model and print the answer',
  usage: [
    'llmrouter infer --query "Explain quantum computing"',
    'llmrouter infer --route-only --query "Write a python function"   # no model call, no credentials',
    'llmrouter infer --input questions.jsonl --output answers.jsonl --concurrency 8',
  ],
  options: {
    config: CONFIG_OPTION,
    query: { type: 'string', short: 'q', value: 'text', description: 'the query to answer' },
    input: {
      type: 'string',
      short: 'i',
      value: 'file',
      description: '.json (strings or {query} objects), .jsonl, or text with one query per line',
    },
    'route-only': {
      type: 'boolean',
      description: 'validate the config and show the routing decision without calling any model',
    },
    model: {
      type: 'string',
      short: 'm',
      value: 'name',
      description: 'a configured model instead of routing (default: auto)',
    },
    router: {
      type: 'string',
      value: 'strategy',
      description: "routing strategy instead of the config's (see serve --help)",
    },
    artifact: { type: 'string', value: 'file', description: 'trained kNN artifact for --router llmrouter' },
    system: { type: 'string', value: 'text', description: 'a system prompt' },
    temperature: {
      type: 'string',
      short: 't',
      value: 'number',
      description: 'sampling temperature (0 to 2)',
    },
    'max-tokens': { type: 'string', value: 'count', description: 'most tokens to generate per answer' },
    concurrency: {
      type: 'string',
      value: 'count',
      description: 'queries answered at once for --input (default 4)',
    },
    output: {
      type: 'string',
      short: 'o',
      value: 'file',
      description: 'write the results here instead of stdout',
    },
    'output-format': {
      type: 'string',
      value: 'json|jsonl',
      description: 'format of --output (default: from its extension, else jsonl)',
    },
    json: JSON_OPTION,
  },
  notes: [
    'A single --query prints the answer on stdout and the model, tokens and cost on stderr;',
    'with --json (or --input) every result is a JSON record {query, model, strategy, reason, answer, usage, cost_usd}.',
  ],
  load: () => import('./run-infer'),
};
