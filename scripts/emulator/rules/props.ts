import type { z } from 'zod';
import { RubixException } from './rule.ts';

/** Validates a rule's props from the workflow; bad props fail the event like Fluent's RubixException(400). */
export function parseProps<T extends z.ZodType>(schema: T, props: Record<string, unknown>, ruleName: string): z.output<T> {
  const result = schema.safeParse(props);
  if (!result.success)
    throw new RubixException(400, `${ruleName}: bad props: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return result.data;
}
