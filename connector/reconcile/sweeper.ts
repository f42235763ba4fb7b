import type { Logger } from '../log.ts';
import type { SweepReport } from './sweep.ts';
import { repeatEvery } from '../core/repeat-every.ts';

export interface SweepStatus {
  /** The last sweep that finished, with what it found and requested. */
  last?: SweepReport;
  /** Why the last sweep could not finish (Fluent or the database down); cleared by the next good one. */
  lastError?: { at: string; message: string };
  intervalMs: number;
  graceMs: number;
}

export interface Sweeper {
  status(): SweepStatus;
  /** Runs a sweep now (or waits for the one under way) and answers its report. */
  sweepNow(): Promise<SweepReport | undefined>;
  /** Stops the schedule and waits for a sweep under way. */
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every intervalMs, one at a time, the first one intervalMs after start. A failed sweep
 * is logged and tried again at the next tick: the sweep is idempotent, so nothing is lost by waiting.
 */
export function startSweeper(options: { intervalMs: number; graceMs: number; sweep: () => Promise<SweepReport>; log: Logger; onReport?: (report: SweepReport) => void }): Sweeper {
  const state: SweepStatus = { intervalMs: options.intervalMs, graceMs: options.graceMs };
  const schedule = repeatEvery(
    options.intervalMs,
    async () => {
      const report = await options.sweep();
      state.last = report;
      delete state.lastError;
      options.onReport?.(report);
      if (report.stale > 0) options.log.warn({ stale: report.stale, requested: report.requested }, 'reconciliation sweep found stale document requests');
      return report;
    },
    (error) => {
      const message = error instanceof Error ? error.message : String(error);
      state.lastError = { at: new Date().toISOString(), message };
      options.log.error({ err: error }, 'reconciliation sweep failed; trying again at the next interval');
    },
  );
  return { status: () => state, sweepNow: schedule.runNow, stop: schedule.stop };
}
