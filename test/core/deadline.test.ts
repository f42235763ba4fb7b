import { describe, expect, it } from 'vitest';
import { withDeadline } from '../../connector/core/deadline.ts';

describe('withDeadline', () => {
  it('answers what the work answers, and its signal is never aborted afterwards', async () => {
    let seen: AbortSignal | undefined;
    const answer = await withDeadline(30, async (signal) => {
      seen = signal;
      return 42;
    });
    expect(answer).toBe(42);
    // The timer was cleared: well past the deadline, the spent signal is untouched.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen?.aborted).toBe(false);
  });

  it('aborts work still running at the deadline with a TimeoutError, as AbortSignal.timeout does', async () => {
    const started = performance.now();
    const failure = await withDeadline(40, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('passes the work’s own failure through and clears the timer', async () => {
    let seen: AbortSignal | undefined;
    const failure = await withDeadline(30, async (signal) => {
      seen = signal;
      throw new Error('refused');
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seen?.aborted).toBe(false);
  });
});
