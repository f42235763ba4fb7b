import { OutcomeUnknownError, type SendHooks } from '../core/ports/delivery-channel.ts';

/**
 * Wraps the hooks so a channel can tell, when a send fails, whether the point of no return was passed.
 * `failure(mapped, providerAnswered)` is the error to throw: OutcomeUnknownError once past the point of
 * no return without a provider answer, else the mapped error.
 */
export function commitPoint(hooks: SendHooks | undefined) {
  let committed = false;
  return {
    async committing() {
      await hooks?.committing();
      committed = true;
    },
    failure(mapped: Error, providerAnswered: boolean): Error {
      return committed && !providerAnswered ? new OutcomeUnknownError(mapped.message, { cause: mapped }) : mapped;
    },
  };
}
