/** One `verity` subcommand: `verity <path...> [options]`, e.g. `verity audit fsck`. */
export interface CliCommand {
  /** The words that select it, e.g. ['audit', 'fsck']. */
  readonly path: readonly string[];
  /** One line for `verity help`. */
  readonly summary: string;
  /** Usage text shown by `verity <path> --help` and on a usage error. */
  readonly usage: string;
  /** Runs with the arguments after the path; resolves to the process exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** Thrown for wrong arguments: the CLI prints the message and the command's usage, and exits with 2. */
export class CliUsageError extends Error {}
