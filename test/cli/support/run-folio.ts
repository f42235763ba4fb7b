import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FOLIO = fileURLToPath(new URL('../../../bin/folio.mjs', import.meta.url));

export interface FolioRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `folio` binary in a child process, as an implementer would. Only the given variables
 * (plus PATH/HOME) reach it, so a developer's own FLUENT_* settings cannot leak into a test.
 */
export function runFolio(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<FolioRun> {
  return runNode([FOLIO, ...args], options);
}

/** Any Node entry point the same way (e.g. `--import tsx connector/main.ts`, what `npm start` runs). */
export function runNode(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<FolioRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
