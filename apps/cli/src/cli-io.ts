import { colorEnabled, createStyle, type TerminalStyle } from './terminal-style';

/** Where a command writes: stdout for results (machine-readable with --json), stderr for people. */
export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  /** Styles for stdout and stderr, each on only when that stream is a terminal. */
  out: TerminalStyle;
  err: TerminalStyle;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    out: createStyle(colorEnabled(process.stdout)),
    err: createStyle(colorEnabled(process.stderr)),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Writes a line to stdout. */
export function print(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** Writes a line to stderr: notes, progress and warnings that must not mix with results. */
export function note(io: CliIo, line = ''): void {
  io.stderr.write(`${line}\n`);
}
