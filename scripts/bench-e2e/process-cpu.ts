import { execFileSync } from 'node:child_process';
import { processTree, threadStatOf } from '../bench/process-rss.ts';

/** Clock ticks per second of /proc's CPU fields (100 on Linux almost everywhere; asked, not assumed). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU milliseconds used so far: the connector process itself, its main thread alone (the event loop;
 * the rest is V8's GC and compiler threads and libuv's pool), and Chromium (every process under it).
 */
export interface CpuSample {
  connectorMs: number;
  mainThreadMs: number;
  chromiumMs: number;
}

/**
 * Reads /proc/<pid>/stat of the connector and of its whole process tree. Chromium is everything below the
 * connector, including processes that already exited: their CPU shows in their parent's cutime+cstime
 * (a renderer's in Chromium's browser process, a relaunched browser's in the connector's).
 */
export function cpuSample(connectorPid: number): CpuSample {
  const tree = processTree(connectorPid);
  const connector = tree.get(connectorPid);
  if (!connector) throw new Error(`connector process ${connectorPid} is gone`);
  let chromiumTicks = connector.reapedChildTicks;
  for (const [pid, stat] of tree) if (pid !== connectorPid) chromiumTicks += stat.cpuTicks + stat.reapedChildTicks;
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  const mainThread = threadStatOf(connectorPid, connectorPid);
  if (!mainThread) throw new Error(`connector process ${connectorPid} is gone`);
  return { connectorMs: ms(connector.cpuTicks), mainThreadMs: ms(mainThread.cpuTicks), chromiumMs: ms(chromiumTicks) };
}

/** CPU milliseconds per document between two samples, to one decimal. */
export function cpuPerDocument(before: CpuSample, after: CpuSample, documents: number): CpuSample {
  const per = (ms: number) => (documents > 0 ? Math.round((ms / documents) * 10) / 10 : 0);
  return { connectorMs: per(after.connectorMs - before.connectorMs), mainThreadMs: per(after.mainThreadMs - before.mainThreadMs), chromiumMs: per(after.chromiumMs - before.chromiumMs) };
}
