import { z } from 'zod';
import type { ResolverMap } from '../context.ts';
import { assertUnique, columnsFrom, required } from '../rows.ts';

/** Fluent's setting value types and contexts (REFERENCE.md §4.3; GLOBAL as the web app shows it). */
const settingInput = z
  .object({
    name: z.string().min(1).max(255).nullish(),
    valueType: z.enum(['LOB', 'STRING', 'INTEGER', 'BOOLEAN', 'JSON']),
    context: z.enum(['ACCOUNT', 'RETAILER', 'AGENT', 'CUSTOMER', 'GLOBAL']),
    contextId: z.number().int(),
  })
  .loose();

function validate(input: unknown): void {
  const result = settingInput.safeParse(input);
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
}

/** Settings are unique by (name, context, contextId), as in Fluent's settings hierarchy. */
export const settingResolvers: ResolverMap = {
  Mutation: {
    createSetting: (_, { input }, { store }) => {
      validate(input);
      assertUnique(
        store.find('Setting', (s) => s.name === input.name && s.context === input.context && s.contextId === input.contextId),
        `Setting ${input.name} in ${input.context}:${input.contextId}`,
      );
      return store.insert('Setting', columnsFrom(input));
    },
    updateSetting: (_, { input }, { store }) => {
      validate(input);
      const row = required(store.get('Setting', input.id), `Setting ${input.id}`);
      return store.update('Setting', row.id, columnsFrom(input, ['id']));
    },
  },
};
