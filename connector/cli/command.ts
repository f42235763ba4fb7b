/** One `folio` sub-command: its words, a one-line summary, full usage text, and what it does. */
export interface Command {
  /** Words after `folio`, e.g. ['numbers', 'gaps']. */
  path: string[];
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
