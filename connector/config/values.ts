import { z } from 'zod';

/**
 * Building blocks for environment variables: every value arrives as text (or not at all), so each
 * block says what it expects in words an operator can act on.
 */

/** A required variable: a missing one says "required" and what to set, a bad one keeps the schema's own message. */
export const required = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${what}` : undefined) });

export const text = (what: string) => z.string(required(what)).min(1, `expected ${what}`);

/** A positive whole number (milliseconds, counts), with its default. */
export const positiveInt = (fallback: number) => z.coerce.number().int('expected a whole number').positive('expected a number above 0').default(fallback);

/** A whole number of 0 or more, with its default: 0 usually turns the feature off. */
export const nonNegativeInt = (fallback: number) => z.coerce.number().int('expected a whole number').min(0, 'expected 0 or more').default(fallback);

/** `on` or `off`, as a boolean. */
export const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off'], 'expected on or off')
    .default(fallback)
    .transform((value) => value === 'on');

/**
 * A variable whose value is JSON text, parsed here and checked against the JSON's own schema, so an
 * issue inside it keeps its place in the JSON (FOLIO_THEMES at ACME.primaryColor).
 */
export function jsonText<S extends z.ZodType>(schema: S, example: string, what = 'a value') {
  return z
    .string(required(`${what}, JSON such as ${example}`))
    .transform((value, ctx): unknown => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected JSON such as ${example}`, params: { notJson: true } });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
