import { expect } from 'vitest';
import { PermanentError } from '../../../connector/core/errors.ts';

/** Asserts that `run` fails permanently (bad data) with a reason containing `reason`. */
export function expectPermanent(run: () => unknown, reason: string | RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PermanentError);
  expect((thrown as Error).message).toMatch(reason);
}
