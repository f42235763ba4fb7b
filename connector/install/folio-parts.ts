import { readFragmentFiles, readWorkflowFiles } from './folio-files.ts';
import { fillUserActionTriggers, stampRulesets, withoutRequestOnCreate, type RequestOn } from './stamp.ts';
import type { Ruleset, Workflow } from './workflow-schema.ts';

export interface FolioParts {
  rulesets: Ruleset[];
  statuses: Workflow['statuses'];
  settings: Record<string, unknown>;
  /** Which of Folio's files they came from, for the merge summary. */
  sources: string[];
}

const matchesName = (pattern: string, workflow: Workflow) => pattern === workflow.name || pattern === `${workflow.entityType}::*`;

/**
 * What Folio adds to a retailer's workflow, stamped for their account: from Folio's whole workflow of
 * the same entity type (exact name first) without its root-entity rulesets and statuses, which are
 * the retailer's own, plus every fragment written for that workflow. Undefined when Folio has none.
 */
export function folioPartsFor(theirs: Workflow, accountId: string, requestOn: RequestOn = 'create', workflowsDir?: string): FolioParts | undefined {
  const wholes = readWorkflowFiles(workflowsDir).filter((f) => f.workflow.entityType === theirs.entityType);
  const whole = wholes.find((f) => f.workflow.name === theirs.name) ?? wholes[0];
  const fragments = readFragmentFiles(workflowsDir).filter((f) => matchesName(f.fragment.fragmentOf, theirs));
  if (!whole && fragments.length === 0) return undefined;

  const fragmentRulesets = fragments.flatMap((f) => fillUserActionTriggers(f.fragment.rulesets, theirs.statuses));
  let rulesets = [...(whole?.workflow.rulesets.filter((r) => r.type !== theirs.entityType) ?? []), ...fragmentRulesets];
  if (requestOn === 'event') {
    // Their CREATE rulesets stay theirs: they send FolioRequestDocument from them instead.
    const theirCreates = new Set(theirs.rulesets.filter((r) => r.name === 'CREATE').map((r) => r.type));
    rulesets = withoutRequestOnCreate(rulesets, theirs.entityType).filter((r) => !(r.name === 'CREATE' && theirCreates.has(r.type)));
  }
  return {
    rulesets: stampRulesets(rulesets, accountId),
    statuses: [...(whole?.workflow.statuses.filter((s) => s.entityType !== theirs.entityType) ?? []), ...fragments.flatMap((f) => f.fragment.statuses)],
    settings: whole?.workflow.settings ?? {},
    sources: [...(whole ? [whole.file] : []), ...fragments.map((f) => f.file)],
  };
}

/** The account a workflow's rules are named for (`ACME.core.SetState` → ACME), when they all agree. */
export function accountOfRules(workflow: Workflow): string | undefined {
  const accounts = new Set(
    workflow.rulesets.flatMap((r) => r.rules.map((rule) => /^([A-Z][A-Z0-9_]*)\./.exec(rule.name)?.[1])).filter((a): a is string => a !== undefined && a !== 'FLUENTRETAIL'),
  );
  return accounts.size === 1 ? [...accounts][0] : undefined;
}
