#!/usr/bin/env node
import { CliUsageError, type CliCommand } from './cli/cli.command.js';
import { commands } from './cli/commands.js';

/** `verity`: the command-line tool (package.json `bin`). `verity help` lists the commands. */
function find(argv: readonly string[]): { command: CliCommand; rest: readonly string[] } | undefined {
  const matches = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  return command ? { command, rest: argv.slice(command.path.length) } : undefined;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length), 4);
  return [
    'usage: verity <command> [options]',
    '',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'verity <command> --help shows the options of a command.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    console.log(help());
    return 0;
  }
  const found = find(argv);
  if (!found) {
    console.error(`verity: unknown command "${argv.join(' ')}"\n\n${help()}`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    console.log(found.command.usage);
    return 0;
  }
  try {
    return await found.command.run(found.rest);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`verity: ${error.message}\n\n${found.command.usage}`);
      return 2;
    }
    throw error;
  }
}

// Exit explicitly: a library's exit hook or a lingering handle must not turn a failure into success or keep a
// finished command alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verity: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
