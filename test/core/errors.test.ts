import { AxiosError, type AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { finalizeDocument } from '../../connector/compose/finalize.ts';
import { nextStepFor, NothingToDoError, PermanentError, RetryableError } from '../../connector/core/errors.ts';
import { mapTwilioError } from '../../connector/deliver/twilio-errors.ts';
import { errorFromHttp } from '../../connector/fetch/http-errors.ts';
import { mapAzureError } from '../../connector/store/azure-errors.ts';

function axiosAnswer(status: number): AxiosError {
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, { status, data: 'nope' } as AxiosResponse);
}

describe('the error taxonomy', () => {
  it('keeps the details it is given, frozen, beside the message and cause', () => {
    const cause = new Error('socket hang up');
    const error = new RetryableError('Fluent timed out', { cause, details: { step: 'fetch', upstreamStatus: 504 } });
    expect(error).toMatchObject({ name: 'RetryableError', message: 'Fluent timed out', cause, next: 'retry', details: { step: 'fetch', upstreamStatus: 504 } });
    expect(Object.isFrozen(error.details)).toBe(true);
  });

  it('has empty details when the thrower knew none, and classifies by class', () => {
    expect(new PermanentError('bad data').details).toEqual({});
    expect([new PermanentError('x'), new NothingToDoError('y'), new Error('z')].map(nextStepFor)).toEqual(['fail', 'ignore', 'retry']);
  });

  it('HTTP adapters write the upstream status', () => {
    expect(errorFromHttp(axiosAnswer(503), 'Fluent')).toMatchObject({ next: 'retry', details: { upstreamStatus: 503 } });
    expect(errorFromHttp(axiosAnswer(400), 'Fluent')).toMatchObject({ next: 'fail', details: { upstreamStatus: 400 } });
    expect(mapAzureError(Object.assign(new Error('denied'), { statusCode: 403 }), 'put')).toMatchObject({ next: 'fail', details: { step: 'store', upstreamStatus: 403 } });
    expect(mapTwilioError({ status: 429, message: 'slow down' })).toMatchObject({ next: 'retry', details: { step: 'deliver', upstreamStatus: 429 } });
    expect(mapTwilioError(new Error('ECONNRESET')).details).toEqual({ step: 'deliver' });
  });

  it('a builder names the field it could not accept', () => {
    let thrown: unknown;
    try {
      finalizeDocument({ type: 'invoice' } as Parameters<typeof finalizeDocument>[0]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PermanentError);
    expect((thrown as PermanentError).details).toMatchObject({ step: 'build' });
    expect((thrown as PermanentError).details.field).toEqual(expect.any(String));
  });
});
