import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowSchema, type Ruleset, type Workflow } from '../../../connector/install/workflow-schema.ts';

export type { Ruleset, Workflow };

const WORKFLOW_KEYS = ['retailerId', 'version', 'entityType', 'entitySubtype', 'rulesets', 'statuses'];

/**
 * Reads every *.json in `dir` whose top level looks like a workflow (fragments do not), after replacing
 * the reference modules' placeholders ([[account.id]], [[retailer.id]]), and checks it with the project's
 * workflow schema: one that looks like a workflow but does not validate is an error; other JSON is
 * skipped. Of several versions of one workflow the highest wins.
 */
export function loadWorkflows(dir: string, ids: { accountId: string; retailerId: string }): Workflow[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const latest = new Map<string, Workflow>();
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8')
      .replaceAll('[[account.id]]', ids.accountId)
      .replaceAll('[[retailer.id]]', ids.retailerId);
    const json: unknown = JSON.parse(text);
    if (!json || typeof json !== 'object' || !WORKFLOW_KEYS.every((key) => key in json)) continue;
    const parsed = workflowSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}: not a valid workflow: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const workflow = parsed.data;
    const key = `${workflow.retailerId}/${workflow.name}`;
    const previous = latest.get(key);
    if (!previous || versionNumber(workflow.version) > versionNumber(previous.version)) latest.set(key, workflow);
  }
  return [...latest.values()];
}

function versionNumber(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1_000_000 + minor;
}

/** Fluent's WorkflowLink.version is an Int; INFERRED: entities record the workflow's major version. */
export const linkVersion = (workflow: Workflow | undefined): number => (workflow ? Number(workflow.version.split('.')[0]) : 1);

/**
 * The ruleset an event runs: same name, same entity type, a matching subtype if the ruleset names one,
 * and the entity's current status among the triggers (no triggers = any status).
 */
export function matchRuleset(workflow: Workflow, event: { name: string; entityType: string; entitySubtype?: string }, status: string): Ruleset | undefined {
  return workflow.rulesets.find(
    (ruleset) =>
      ruleset.name === event.name &&
      ruleset.type === event.entityType &&
      (!ruleset.subtype || ruleset.subtype === event.entitySubtype) &&
      (ruleset.triggers.length === 0 || ruleset.triggers.some((trigger) => trigger.status === status)),
  );
}

/** The workflow for a root entity: same retailer, entity type and subtype (BILLING_ACCOUNT::CUSTOMER). */
export function findWorkflow(workflows: readonly Workflow[], retailerId: string, rootType: string, rootSubtype: string): Workflow | undefined {
  return workflows.find((w) => w.retailerId === retailerId && w.entityType === rootType && w.entitySubtype === rootSubtype);
}
