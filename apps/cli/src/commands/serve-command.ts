import { CONFIG_OPTION, type CommandSpec } from '../command-spec';

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'run the OpenAI-compatible gateway (chat JSON/SSE/WebSocket, models, embeddings, health, metrics)',
  usage: [
    'llmrouter serve --config configs/openclaw_example.yaml',
    'llmrouter serve --demo            # Bedrock models answered by the built-in emulator, no AWS needed',
  ],
  options: {
    config: CONFIG_OPTION,
    host: {
      type: 'string',
      value: 'host',
      description: 'address to listen on (default: server.host, 127.0.0.1)',
    },
    port: {
      type: 'string',
      short: 'p',
      value: 'port',
      description: 'port (default: server.port, 8000; 0 picks a free one)',
    },
    router: {
      type: 'string',
      value: 'strategy',
      description:
        "routing strategy instead of the config's: random, round_robin, rules, llm, llmrouter (alias knnrouter)",
    },
    artifact: { type: 'string', value: 'file', description: 'trained kNN artifact for --router llmrouter' },
    'no-prefix': { type: 'boolean', description: 'do not start answers with "[model-name] "' },
    prefix: {
      type: 'boolean',
      description: 'start answers with "[model-name] " even if the config does not',
    },
    demo: {
      type: 'boolean',
      description: 'serve configs/demo.yaml (or --config) with Bedrock answered by the in-process emulator',
    },
  },
  notes: ['Stops gracefully on Ctrl-C or SIGTERM, letting running streams finish.'],
  load: () => import('./run-serve'),
};
