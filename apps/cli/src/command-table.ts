import type { CommandSpec } from './command-spec';
import { chatCommand } from './commands/chat-command';
import { doctorCommand } from './commands/doctor-command';
import { evalCommand } from './commands/eval-command';
import { generateDataCommand } from './commands/generate-data-command';
import { inferCommand } from './commands/infer-command';
import { modelsCommand } from './commands/models-command';
import { serveCommand } from './commands/serve-command';
import { trainCommand } from './commands/train-command';

export const COMMANDS: readonly CommandSpec[] = [
  serveCommand,
  inferCommand,
  chatCommand,
  trainCommand,
  evalCommand,
  doctorCommand,
  modelsCommand,
  generateDataCommand,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export function renderMainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    `llmrouter ${version}: route each LLM request to the best model (AWS Bedrock, OpenAI-compatible, Anthropic)`,
    '',
    'Usage: llmrouter <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    "Run `llmrouter <command> --help` for a command's options.",
    'Config: --config <file>, else $LLMROUTER_CONFIG, else ./llmrouter.yaml.',
    'Exit codes: 0 ok, 1 some checks or items failed, 2 usage, 3 config, 4 SDK missing, 5 credentials,',
    '  6 model/region, 7 rate limited, 8 timeout, 9 provider unavailable, 10 request rejected,',
    '  11 no route, 70 internal, 130 interrupted (docs/cli.md).',
    '',
  ].join('\n');
}
