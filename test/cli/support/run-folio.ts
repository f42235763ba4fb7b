import { spawn } from 'node:child_process';
import { FOLIO } from '../../../scripts/load/child-process.ts';

export interface FolioRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `folio` executable in a child process, as an implementer would (its shebang starts Node).
 * Only the given variables (plus PATH/HOME) reach it, so a developer's own FLUENT_* settings cannot leak
 * into a test.
 */
export function runFolio(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<FolioRun> {
  return run(FOLIO, args, options);
}

/** Any program the same way (e.g. npm). */
export function run(program: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<FolioRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
