/** ANSI styling that switches itself off when the stream is not a terminal or NO_COLOR is set. */
export interface TerminalStyle {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

interface MaybeTerminal {
  isTTY?: boolean;
}

// https://no-color.org: any non-empty NO_COLOR turns colour off.
export function colorEnabled(stream: MaybeTerminal, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

export function createStyle(enabled: boolean): TerminalStyle {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}
