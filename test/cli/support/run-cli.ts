import { vi } from 'vitest';
import { runCli } from '../../../connector/cli/main.ts';
import type { Emulator } from '../../../scripts/emulator/index.ts';
import type { FolioRun } from './run-folio.ts';

/**
 * Runs `folio` in this process, capturing what it prints: much faster than a child process, for
 * commands that take every input as flags (see connectionArgs). run-folio.ts runs the real binary.
 */
export async function runCliHere(argv: string[]): Promise<FolioRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const code = await runCli(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The connection flags for an emulator, so nothing comes from this process's environment. */
export function connectionArgs(emulator: Emulator): string[] {
  const { username, password, clientId, clientSecret } = emulator.credentials;
  return ['--url', emulator.url, '--account', emulator.accountId, '--username', username, '--password', password, '--client-id', clientId, '--client-secret', clientSecret];
}
