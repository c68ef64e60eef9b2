import { LLMRouterError } from '@llmrouter/errors';
import { type CliIo, note } from './cli-io';
import { EXIT_UNEXPECTED, exitCodeFor } from './exit-codes';

/** Prints an error for a person (message, hint, code) and returns the exit code from the one table. */
export function reportError(io: CliIo, error: unknown, json = false): number {
  if (LLMRouterError.is(error)) {
    if (json) {
      io.stdout.write(`${JSON.stringify({ error: errorRecord(error) })}\n`);
    }
    note(io, `${io.err.red('error')}: ${error.message}`);
    note(io, `${io.err.yellow('hint')}: ${error.hint}`);
    note(io, io.err.dim(`(${error.code}${error.modelId ? `, ${error.modelId}` : ''})`));
    return exitCodeFor(error.code);
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  note(io, `${io.err.red('error')}: unexpected failure: ${text}`);
  note(
    io,
    `${io.err.yellow('hint')}: This is a bug in llmrouter; please report it with the command you ran.`,
  );
  return EXIT_UNEXPECTED;
}

export interface ErrorRecord {
  code: string;
  message: string;
  hint: string;
}

export function errorRecord(error: unknown): ErrorRecord {
  if (LLMRouterError.is(error)) return { code: error.code, message: error.message, hint: error.hint };
  return {
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
    hint: 'This is a bug in llmrouter; please report it.',
  };
}

export function usageError(message: string, command?: string): LLMRouterError {
  return new LLMRouterError({
    code: 'request_invalid',
    message,
    hint: `Run \`llmrouter ${command ? `${command} ` : ''}--help\` for the options.`,
  });
}
