import type { z } from 'zod';
import { deepFreeze } from '../core/deep-freeze.ts';

/** Bad configuration: one line per problem, each naming its variable. Printed as is, without a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Folio configuration is invalid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

/**
 * `VARIABLE: message`; inside a JSON value, `VARIABLE is invalid at a.b: message`, the place in the JSON;
 * text that is not JSON at all, `VARIABLE is not JSON: expected …`.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const [variable, ...inside] = issue.path.map(String);
  if (variable === undefined) return `(environment): ${issue.message}`;
  if (issue.code === 'custom' && issue.params?.['notJson']) return `${variable} is not JSON: ${issue.message}`;
  return inside.length > 0 ? `${variable} is invalid at ${inside.join('.')}: ${issue.message}` : `${variable}: ${issue.message}`;
}

/**
 * The environment through a schema of variables: a frozen result, or a ConfigError naming every bad
 * variable. Frozen all the way down at run time; the type says read-only at the top only, so the
 * parsed settings still pass to the steps' own (mutable-array) types.
 */
export function readEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): Readonly<z.output<S>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  return deepFreeze(parsed.data);
}
