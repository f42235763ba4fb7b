/**
 * Every pipeline error says what to do next: retry (a server fault that may pass), fail for good
 * (bad data or configuration: retrying cannot help), or ignore (nothing to do). Adapters translate
 * their own errors into these at the edge, so the use case never inspects HTTP codes.
 */
export type NextStep = 'retry' | 'fail' | 'ignore';

export abstract class PipelineError extends Error {
  abstract readonly next: NextStep;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A server fault, a timeout, 429 or 5xx: try again later. */
export class RetryableError extends PipelineError {
  readonly next = 'retry' as const;
}

/** Bad data or configuration: fail now, with a reason a person can act on. */
export class PermanentError extends PipelineError {
  readonly next = 'fail' as const;
}

/** Nothing to do (e.g. the event is not for a document Folio makes). */
export class NothingToDoError extends PipelineError {
  readonly next = 'ignore' as const;
}

/** Classifies anything thrown: pipeline errors keep their class; unknown errors are assumed transient. */
export function nextStepFor(error: unknown): NextStep {
  return error instanceof PipelineError ? error.next : 'retry';
}
