import { processIo } from './cli-io';
import { parseCommandArgs, renderCommandHelp } from './command-spec';
import { COMMANDS, findCommand, renderMainHelp } from './command-table';
import { reportError, usageError } from './report-error';

// Kept in step with package.json (a test checks it), so printing it reads no file.
export const CLI_VERSION = '0.1.0';

/**
 * The entry point. It loads nothing but the command table until a command runs: each command's code
 * (config, routing, providers, the gateway) is a separate chunk imported on demand, so `--help` is fast.
 */
async function main(argv: string[]): Promise<number> {
  // The AWS SDK warns on every run under Node 20 that its 2027 releases need Node 22. It would print on
  // every command's stderr; `doctor` reports it once instead. Setting the variable yourself wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const io = processIo();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : findCommand(topic);
    io.stdout.write(command ? renderCommandHelp(command) : renderMainHelp(CLI_VERSION));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    const names = COMMANDS.map((entry) => entry.name).join(', ');
    return reportError(io, usageError(`Unknown command "${name}". Commands: ${names}.`));
  }
  let json = false;
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    json = values.json === true;
    if (values.help === true) {
      io.stdout.write(renderCommandHelp(command));
      return 0;
    }
    const { run } = await command.load();
    return await run(values, positionals, io);
  } catch (error) {
    return reportError(io, error, json);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Exit now: idle keep-alive sockets of HTTP clients must not hold the process open.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exit(70);
  },
);
