import { z } from 'zod';
import { FLUENT_WORKFLOW_VERSION_PATTERN } from '../fluent/contract.ts';

/**
 * Fluent's workflow JSON (REFERENCE.md §5): what PUT /api/v4.1/workflow accepts. Unknown keys are kept
 * (Fluent adds some, e.g. createdOn) but the documented ones are checked, with Fluent's length limits.
 */
const ruleSchema = z.object({ name: z.string().min(1), props: z.record(z.string(), z.unknown()).default({}) }).loose();

const userActionSchema = z
  .object({
    eventName: z.string().min(1),
    context: z.array(z.object({ label: z.string(), type: z.enum(['PRIMARY', 'SECONDARY']), modules: z.array(z.string()) }).loose()).optional(),
  })
  .loose();

export const rulesetSchema = z
  .object({
    name: z.string().regex(/^\S+$/, 'ruleset names have no spaces (they are event names)'),
    description: z.string().max(250).optional(),
    type: z.string().min(1),
    subtype: z.string().optional(),
    eventType: z.enum(['NORMAL', 'EXCEPTION', 'GENERATED']).default('NORMAL'),
    rules: z.array(ruleSchema),
    triggers: z.array(z.object({ status: z.string().min(1) }).loose()),
    userActions: z.array(userActionSchema).default([]),
  })
  .loose();

export const statusSchema = z.object({ name: z.string().min(1), entityType: z.string().min(1), category: z.string().min(1) }).loose();

export const workflowSchema = z
  .object({
    retailerId: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+$/, 'version is major.minor, e.g. "1.0"'),
    entityType: z.enum(['ORDER', 'LOCATION', 'FULFILMENT_OPTIONS', 'CONTROL_GROUP', 'INVENTORY_CATALOGUE', 'PRODUCT_CATALOGUE', 'VIRTUAL_CATALOGUE', 'RETURN_ORDER', 'BILLING_ACCOUNT']),
    entitySubtype: z.string().min(1),
    name: z.string().min(1),
    description: z.string().max(300).optional(),
    versionComment: z.string().max(2000).optional(),
    settings: z.record(z.string(), z.unknown()).default({}),
    rulesets: z.array(rulesetSchema).min(1),
    statuses: z.array(statusSchema).min(1),
  })
  .loose()
  .superRefine((workflow, ctx) => {
    if (workflow.name !== `${workflow.entityType}::${workflow.entitySubtype}`) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `name should be ${workflow.entityType}::${workflow.entitySubtype}` });
    }
    const hasCreate = workflow.rulesets.some((r) => r.name === 'CREATE' && r.type === workflow.entityType);
    if (!hasCreate) ctx.addIssue({ code: 'custom', path: ['rulesets'], message: `a CREATE ruleset for ${workflow.entityType} is required` });
    const seen = new Set<string>();
    for (const [index, ruleset] of workflow.rulesets.entries()) {
      const id = `${ruleset.type}/${ruleset.name}`;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['rulesets', index], message: `ruleset ${id} appears twice` });
      seen.add(id);
    }
  });

export type Workflow = z.output<typeof workflowSchema>;
export type Ruleset = z.output<typeof rulesetSchema>;

/** Workflow fragments (ORDER, FULFILMENT, RETURN_ORDER additions) have rulesets and statuses only. */
export const workflowFragmentSchema = z
  .object({
    fragmentOf: z.string().regex(/^[A-Z_]+::[A-Z_*]+$/, 'fragmentOf names a workflow, e.g. ORDER::HD (or ORDER::* for any subtype)'),
    description: z.string().max(300).optional(),
    rulesets: z.array(rulesetSchema).min(1),
    statuses: z.array(statusSchema).default([]),
  })
  .loose();
export type WorkflowFragment = z.output<typeof workflowFragmentSchema>;

/**
 * A workflow as Fluent's GET /api/v4.1/workflow/{retailerId}/{name} answers it. INFERRED (contract.ts):
 * optional texts may be null and the version may lack its minor part ("1"), so those are normalised
 * ("1" → "1.0") before the same checks as Folio's own files.
 */
export const fluentWorkflowSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const workflow: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of ['description', 'versionComment', 'settings'] as const) if (workflow[key] === null) delete workflow[key];
  const version = workflow.version;
  if (typeof version === 'string' && FLUENT_WORKFLOW_VERSION_PATTERN.test(version) && !version.includes('.')) workflow.version = `${version}.0`;
  return workflow;
}, workflowSchema);
