/** A task on a schedule, one run at a time. */
export interface Repeating<T> {
  /** Runs the task now, or waits for the run under way; undefined when that run failed. */
  runNow(): Promise<T | undefined>;
  /** Stops the schedule and waits for a run under way. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every intervalMs, the first run intervalMs after start, never two at once. A failed run
 * goes to `onError` and the next tick tries again: scheduled tasks here are idempotent, so waiting
 * loses nothing. The timer never keeps the process alive.
 */
export function repeatEvery<T>(intervalMs: number, task: () => Promise<T>, onError: (error: unknown) => void): Repeating<T> {
  let running: Promise<T | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runNow = (): Promise<T | undefined> =>
    (running ??= task()
      .catch((error: unknown) => {
        onError(error);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      }));
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().finally(schedule), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
