/**
 * Every pipeline error says what to do next: retry (a server fault that may pass), fail for good
 * (bad data or configuration: retrying cannot help), or ignore (nothing to do). Adapters translate
 * their own errors into these at the edge, so the use case never inspects HTTP codes.
 */
export type NextStep = 'retry' | 'fail' | 'ignore';

/**
 * What the thrower knew about the failure, as plain data for logs, reports and tests (the message stays
 * for people). Each field is written only by a place that knows it: an HTTP adapter the upstream status,
 * a builder the field it could not read.
 */
export interface ErrorDetails {
  /** The pipeline step that failed (fetch, build, render, store, deliver, …). */
  readonly step?: string;
  /** The input field at fault, as a path (e.g. `order.totalPrice`). */
  readonly field?: string;
  /** The rule or policy that was broken (e.g. `currency`, `tax-rate`). */
  readonly rule?: string;
  /** The HTTP status an upstream service answered with. */
  readonly upstreamStatus?: number;
}

export interface PipelineErrorOptions {
  cause?: unknown;
  details?: ErrorDetails;
}

export abstract class PipelineError extends Error {
  abstract readonly next: NextStep;
  /** Structured facts about the failure; empty when the thrower knew none. */
  readonly details: ErrorDetails;
  constructor(message: string, options?: PipelineErrorOptions) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.details = Object.freeze({ ...options?.details });
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
