import type { CliIo } from './cli-io';

export interface ProgressBar {
  tick(label?: string): void;
  done(): void;
}

const WIDTH = 28;

/** A one-line progress bar on stderr, drawn only when stderr is a terminal (never in logs or pipes). */
export function createProgressBar(io: CliIo, total: number, title: string): ProgressBar {
  if (io.stderr.isTTY !== true || total <= 1) return { tick() {}, done() {} };
  let completed = 0;
  const started = Date.now();
  const draw = (label = '') => {
    const filled = Math.round((completed / total) * WIDTH);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const line = `${title} ${io.err.cyan(bar)} ${completed}/${total} ${seconds}s ${io.err.dim(label)}`;
    // Kept to one terminal line (ANSI codes take no columns, hence the slack).
    io.stderr.write(`\r\u001b[2K${line.slice(0, Math.max(60, io.stderr.columns || 100) + 20)}`);
  };
  draw();
  return {
    tick(label) {
      completed += 1;
      draw(label);
    },
    done() {
      io.stderr.write('\r\u001b[2K');
    },
  };
}
