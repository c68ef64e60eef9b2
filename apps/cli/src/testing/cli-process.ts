import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test support: runs the BUILT `llmrouter` binary as a subprocess, as a user would. */
export const CLI_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const REPO_ROOT = resolve(CLI_ROOT, '../..');
export const CLI_MAIN = join(CLI_ROOT, 'dist/main.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(CLI_MAIN)) return false;
  const built = statSync(CLI_MAIN).mtimeMs;
  // The bundle holds the CLI, the server's runtime and every workspace package it imports.
  const folders = [join(CLI_ROOT, 'src'), join(REPO_ROOT, 'apps/server/src')];
  for (const name of readdirSync(join(REPO_ROOT, 'packages')))
    folders.push(join(REPO_ROOT, 'packages', name, 'src'));
  return folders.every((folder) => !existsSync(folder) || newestSource(folder) < built);
}

const LOCK = join(tmpdir(), `llmrouter-cli-build-${Buffer.from(CLI_ROOT).toString('hex').slice(-32)}.lock`);

/**
 * Builds dist/ when it is missing or older than the sources. Test files run in parallel workers, and a
 * build empties dist/ first, so one worker builds under a lock while the others wait and re-check.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run expires.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isFresh()) {
      execFileSync('pnpm', ['--filter', '@llmrouter/cli', 'build'], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function temporaryFolder(prefix = 'llmrouter-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A clean environment: no AWS variables or credentials from the machine running the tests. */
export function cliEnvironment(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
    NO_COLOR: '1',
    ...extra,
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  home?: string;
  input?: string;
}

export interface CliProcess {
  stdout: () => string;
  stderr: () => string;
  write(text: string): void;
  end(): void;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once stdout (or stderr) matches. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<string>;
  exited: Promise<CliResult>;
}

export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const home = options.home ?? temporaryFolder('llmrouter-home-');
  const child = spawn(process.execPath, [CLI_MAIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnvironment(home, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    wake();
  });
  const exited = new Promise<CliResult>((resolveExit) => {
    child.on('close', (code, signal) => {
      wake();
      resolveExit({ code, signal, stdout, stderr });
    });
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    write: (text) => child.stdin.write(text),
    end: () => child.stdin.end(),
    kill: (signal) => child.kill(signal),
    exited,
    waitFor(pattern, stream = 'stdout', timeoutMs = 15_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const text = stream === 'stdout' ? stdout : stderr;
          const match = pattern.exec(text);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolveMatch(match[0]);
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before ${pattern}: stdout=${stdout} stderr=${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}: stdout=${stdout} stderr=${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, { input: '', ...options }).exited;
}
