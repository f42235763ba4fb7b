import { z } from 'zod';
import { entityUpdate } from './entity-update.ts';
import { parseProps } from './props.ts';
import type { Rule } from './rule.ts';

const props = z.object({ status: z.string().min(1).max(50) });

/** `core.SetState {status}`: a MutateAction that sets the entity's status (and raises no event by itself). */
export const rule: Rule = (context) => {
  const { status } = parseProps(props, context.props, 'core.SetState');
  const { mutation, input } = entityUpdate(context.entity, context.event);
  context.action.mutation(mutation, { ...input, status });
};
