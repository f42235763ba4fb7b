import { readdirSync, readFileSync } from 'node:fs';

/** What /proc/<pid>/stat says about a process; CPU in clock ticks (getconf CLK_TCK). */
export interface ProcessStat {
  parent: number;
  rss: number;
  /** utime + stime: CPU the process itself used. */
  cpuTicks: number;
  /** cutime + cstime: CPU of its children that have exited and been waited for. */
  reapedChildTicks: number;
}

/** Parent pid, resident set (bytes) and CPU of a process from /proc, or undefined once it has exited. */
function statOf(pid: number): ProcessStat | undefined {
  return statAt(`/proc/${pid}/stat`);
}

/** The same of one thread of a process (its main thread's id is the process's): the thread's own CPU. */
export function threadStatOf(pid: number, thread: number): ProcessStat | undefined {
  return statAt(`/proc/${pid}/task/${thread}/stat`);
}

function statAt(path: string): ProcessStat | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14) … rss in pages at index 21.
    const at = (index: number) => Number(fields[index]);
    return { parent: at(1), rss: at(21) * 4096, cpuTicks: at(11) + at(12), reapedChildTicks: at(13) + at(14) };
  } catch {
    return undefined;
  }
}

/** `root` and every descendant (Chromium's browser, renderer, GPU and utility processes), by pid. */
export function processTree(root = process.pid): Map<number, ProcessStat> {
  const stats = new Map<number, ProcessStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = stats.get(p)?.parent) {
      if (p === root) return true;
    }
    return false;
  };
  return new Map([...stats].filter(([pid]) => inTree(pid)));
}

/** RSS of this process (or `root`) plus every descendant. */
export function treeRssBytes(root = process.pid): number {
  let total = 0;
  for (const stat of processTree(root).values()) total += stat.rss;
  return total;
}

/** Samples the tree's (this process's or `root`'s) RSS every `everyMs` until stopped; returns the peak in MB. */
export function startRssSampler(everyMs = 100, root = process.pid): { stop(): number } {
  let peak = treeRssBytes(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(root));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRssBytes(root));
      return Math.round(peak / (1024 * 1024));
    },
  };
}
