// What the benchmarks share for reading their command line: the repository root and `--name value` options.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../..');

/** The value after `name` on the command line, or `fallback` when it is not given. */
export function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}
