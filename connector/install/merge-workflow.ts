import { createTwoFilesPatch } from 'diff';
import type { Ruleset, Workflow, WorkflowFragment } from './workflow-schema.ts';

export interface MergeConflict {
  ruleset: string;
  /** Unified diff, theirs → ours, of the two rulesets as pretty JSON. */
  diff: string;
}

export type MergeResult = { ok: true; workflow: Workflow; added: string[]; unchanged: string[] } | { ok: false; conflicts: MergeConflict[] };

const rulesetId = (ruleset: Ruleset) => `${ruleset.type}/${ruleset.name}`;
const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Adds Folio's statuses, rulesets and settings to a retailer's workflow without touching theirs.
 * A ruleset Folio needs that they already have with other content is a conflict: nothing is merged
 * and each conflict comes with a readable diff. Merging twice changes nothing the second time.
 */
export function mergeIntoWorkflow(theirs: Workflow, ours: Pick<Workflow, 'rulesets' | 'statuses'> & { settings?: Record<string, unknown> } | WorkflowFragment): MergeResult {
  const existing = new Map(theirs.rulesets.map((r) => [rulesetId(r), r]));
  const conflicts: MergeConflict[] = [];
  const added: string[] = [];
  const unchanged: string[] = [];
  for (const ruleset of ours.rulesets) {
    const id = rulesetId(ruleset);
    const current = existing.get(id);
    if (!current) added.push(id);
    else if (pretty(current) === pretty(ruleset)) unchanged.push(id);
    else conflicts.push({ ruleset: id, diff: createTwoFilesPatch(`theirs ${id}`, `folio ${id}`, pretty(current), pretty(ruleset)) });
  }
  const settings = 'settings' in ours && ours.settings ? ours.settings : {};
  for (const [name, value] of Object.entries(settings)) {
    if (name in theirs.settings && pretty(theirs.settings[name]) !== pretty(value)) {
      conflicts.push({ ruleset: `setting ${name}`, diff: createTwoFilesPatch(`theirs ${name}`, `folio ${name}`, pretty(theirs.settings[name]), pretty(value)) });
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };

  const statusKey = (s: { name: string; entityType: string }) => `${s.entityType}/${s.name}`;
  const haveStatus = new Set(theirs.statuses.map(statusKey));
  const newStatuses = ours.statuses.filter((s) => !haveStatus.has(statusKey(s)));
  const newRulesets = ours.rulesets.filter((r) => added.includes(rulesetId(r)));
  if (newRulesets.length === 0 && newStatuses.length === 0 && Object.keys(settings).every((n) => n in theirs.settings)) {
    return { ok: true, workflow: theirs, added, unchanged };
  }
  const [major, minor] = theirs.version.split('.').map(Number);
  return {
    ok: true,
    added,
    unchanged,
    workflow: {
      ...theirs,
      version: `${major}.${(minor ?? 0) + 1}`,
      versionComment: `Folio document rulesets merged: ${added.join(', ') || 'statuses only'}`,
      settings: { ...settings, ...theirs.settings },
      statuses: [...theirs.statuses, ...newStatuses],
      rulesets: [...theirs.rulesets, ...newRulesets],
    },
  };
}
