/**
 * Runs `work` with a signal that aborts with a TimeoutError (as AbortSignal.timeout's does) once `ms` have
 * passed; the timer is cleared as soon as the work settles, so a deadline costs nothing after its request.
 * AbortSignal.timeout's own timer outlives the request and, when it fires, aborts the spent signal with a
 * new DOMException (a stack captured): 33–43 µs a request in all, against 12 µs for this (README, Benchmarks).
 * Everything the deadline covers (reading the body too) belongs inside `work`.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  try {
    return await work(deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
