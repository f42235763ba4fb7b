import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid and resident set (bytes) of a process from /proc, or undefined once it has exited. */
function statOf(pid: number): { parent: number; rss: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name: state(0) ppid(1) … rss in pages at index 21.
    return { parent: Number(fields[1]), rss: Number(fields[21]) * 4096 };
  } catch {
    return undefined;
  }
}

/** RSS of this process plus every descendant (Chromium's browser, renderer, GPU and utility processes). */
export function treeRssBytes(root = process.pid): number {
  const stats = new Map<number, { parent: number; rss: number }>();
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
  let total = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) total += stat.rss;
  return total;
}

/** Samples the tree's RSS every `everyMs` until stopped; returns the peak in MB. */
export function startRssSampler(everyMs = 100): { stop(): number } {
  let peak = treeRssBytes();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, treeRssBytes());
      return Math.round(peak / (1024 * 1024));
    },
  };
}
