import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of a process from /proc/<pid>/stat (the field after the parenthesised command name). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // exited while we looked
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/**
 * Pids of Chromium *browser* processes started by this test process (not renderer/GPU children, which
 * carry --type=, and not the /bin/sh wrapper Debian puts in front). Only our own descendants, so other
 * test files running in parallel are never touched.
 */
export function ourChromiumBrowserPids(): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const parents = new Map(pids.map((pid) => [pid, parentOf(pid)]));
  const isOurs = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const isChromium = (pid: number | undefined) => pid !== undefined && /\/chromium(-headless-shell)?$/.test(commandLine(pid)[0] ?? '');
  // A browser's child between fork and exec still shows the browser's command line: its parent tells it apart.
  return pids.filter((pid) => !commandLine(pid).some((arg) => arg.startsWith('--type=')) && isChromium(pid) && !isChromium(parents.get(pid)) && isOurs(pid));
}

/** Pids of the renderer processes (one per tab's site) under the browsers this test process started. */
export function ourChromiumRendererPids(): number[] {
  const browsers = new Set(ourChromiumBrowserPids());
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const underOurBrowser = (pid: number): boolean => {
    for (let p = parentOf(pid); p !== undefined && p > 1; p = parentOf(p)) {
      if (browsers.has(p)) return true;
    }
    return false;
  };
  // Zygote-forked processes rewrite their title: the whole command line is one space-separated string.
  return pids.filter((pid) => /\s--type=renderer(\s|$)/.test(commandLine(pid).join(' ')) && underOurBrowser(pid));
}

/** Whether a process is still running (a zombie counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
