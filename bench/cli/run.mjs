// Start-up time of the built `llmrouter` binary beside bare Node, measured in the same run.
//   pnpm --filter @llmrouter/cli build && node bench/cli/run.mjs [runs]
// Each round runs every command once, in turn, so load on the machine affects them alike; the table shows
// the median wall time of a whole process (spawn to exit) and how much more than `node -e 0` it takes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = 'apps/cli/dist/main.js';
if (!existsSync(`${root}/${main}`)) {
  console.error('Build the CLI first: pnpm --filter @llmrouter/cli build');
  process.exit(1);
}
const runs = Number(process.argv[2] ?? 40);
const env = { ...process.env, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true' };

const commands = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'llmrouter --help', args: [main, '--help'], target: 150 },
  {
    name: 'llmrouter infer --route-only --config configs/demo.yaml --query hi',
    args: [main, 'infer', '--route-only', '--config', 'configs/demo.yaml', '--query', 'hi'],
    target: 300,
  },
];

function time(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

for (const command of commands) time(command.args); // warm the file cache
const samples = commands.map(() => []);
for (let round = 0; round < runs; round += 1) {
  for (const [index, command] of commands.entries()) samples[index].push(time(command.args));
}

const baseline = median(samples[0]);
console.log(`start-up, ${runs} interleaved runs each, Node ${process.version}, ${new Date().toISOString()}`);
console.log('');
console.log('| command | median ms | p90 ms | over node -e 0 | target | |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
commands.forEach((command, index) => {
  const value = median(samples[index]);
  const verdict = command.target === undefined ? '' : value <= command.target ? 'met' : 'MISSED';
  console.log(
    `| ${command.name} | ${value.toFixed(1)} | ${percentile(samples[index], 0.9).toFixed(1)} | ${index === 0 ? '' : `+${(value - baseline).toFixed(1)}`} | ${command.target === undefined ? '' : `≤ ${command.target}`} | ${verdict} |`,
  );
});
