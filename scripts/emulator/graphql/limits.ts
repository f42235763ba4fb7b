import { z } from 'zod';

/**
 * Limits Fluent documents on create inputs (REFERENCE.md §4.2: ref ≤ 100, type ≤ 50, name ≤ 100,
 * status ≤ 50) that the SDL cannot express. Unknown fields pass: the SDL has already typed them.
 */
export const entityLimits = z
  .object({
    ref: z.string().min(1).max(100).optional(),
    type: z.string().min(1).max(50).optional(),
    name: z.string().min(1).max(100).optional(),
    status: z.string().min(1).max(50).nullish(),
  })
  .loose();

/** Throws a readable error (it becomes the GraphQL error message) when an input breaks a limit. */
export function checkLimits(input: Record<string, unknown>): void {
  const result = entityLimits.safeParse(input);
  if (!result.success)
    throw new Error(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
}
