import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { isProcessAlive } from '../../core/process-alive.ts';
import { CdpError, CdpPipe } from './cdp-pipe.ts';

/** How long Chromium may take to answer its first command; a launch normally takes ≈ 250 ms. */
const LAUNCH_TIMEOUT_MS = 30_000;
/** How long a browser asked to close may take before it is killed. */
const CLOSE_GRACE_MS = 5_000;
/** The end of Chromium's stderr kept for the message of a failed launch. */
const STDERR_TAIL_CHARS = 2_000;

/** Profile directories are named after the process that made them, so an orphan can be recognised. */
const PROFILE_PREFIX = 'folio-chromium-';

/**
 * Removes the profiles of connector processes that are gone: one killed with -9 could not remove its own.
 * A process id in use again by some other program keeps its directory until that program exits too.
 */
function removeOrphanedProfiles(): void {
  for (const name of readdirSync(tmpdir())) {
    const owner = Number(name.startsWith(PROFILE_PREFIX) ? /^(\d+)-/.exec(name.slice(PROFILE_PREFIX.length))?.[1] : undefined);
    if (!owner || owner === process.pid || isProcessAlive(owner)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Browsers still running, killed if this process exits first (the pipe's end would stop them too). */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the group: Debian's wrapper script and what it started
  } catch {
    child.kill('SIGKILL');
  }
}

function exitDescription(child: ChildProcess): string {
  return `Chromium exited (${child.signalCode ?? `code ${child.exitCode}`})`;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child);
  });
}

/**
 * One Chromium process driven over --remote-debugging-pipe, with a throwaway profile directory that is
 * removed when it exits. The pipe closes when the browser exits or crashes; Chromium also shuts itself
 * down when the pipe's other end (this process) goes away, even on kill -9.
 */
export class ChromiumProcess {
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly cdp: CdpPipe,
    /** The throwaway profile, removed once the browser has exited. */
    readonly profileDirectory: string,
    exited: Promise<void>,
  ) {
    this.exited = exited;
  }

  static async launch(executablePath: string, args: readonly string[]): Promise<ChromiumProcess> {
    installExitHook();
    removeOrphanedProfiles();
    const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    const child = spawn(executablePath, [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`], {
      detached: true, // its own process group, so a kill reaches every process it started
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    const exited = new Promise<void>((resolve) => {
      const gone = () => {
        running.delete(child);
        rmSync(profile, { recursive: true, force: true });
        resolve();
      };
      child.once('close', gone);
      // A program that could not be started has no process to wait for.
      child.once('error', () => {
        if (child.pid === undefined) gone();
      });
    });
    let spawnError: Error | undefined;
    const spawnFailed = new Promise<never>((_, reject) => {
      child.once('error', (error) => {
        spawnError = new CdpError(`Chromium could not start: ${error.message}`);
        reject(spawnError);
      });
    });
    spawnFailed.catch(() => undefined);
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    child.once('exit', () => cdp.close(new CdpError(exitDescription(child))));
    const browser = new ChromiumProcess(child, cdp, profile, exited);
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CdpError(`Chromium did not answer within ${LAUNCH_TIMEOUT_MS} ms`)), LAUNCH_TIMEOUT_MS);
    });
    try {
      await Promise.race([cdp.send('Browser.getVersion'), spawnFailed, tooSlow]);
      return browser;
    } catch (error) {
      await browser.close();
      // Once it has exited, how it exited says more than the pipe closing under us.
      const exited = child.exitCode !== null || child.signalCode !== null;
      const why = spawnError?.message ?? (exited ? exitDescription(child) : (error as Error).message);
      const tail = stderr.trim() ? `; its stderr ended: ${stderr.trim().slice(-500)}` : '';
      throw new CdpError(`${why}${tail}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the browser to close, and kills it if it has not exited within the grace period. */
  async close(): Promise<void> {
    if (!this.cdp.closed) void this.cdp.send('Browser.close').catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
    });
    const outcome = await Promise.race([this.exited.then(() => 'exited' as const), grace]);
    clearTimeout(timer);
    if (outcome === 'late') {
      killGroup(this.child);
      await this.exited;
    }
    this.cdp.close();
  }
}
