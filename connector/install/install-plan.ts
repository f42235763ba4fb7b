import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { StoredSetting } from './admin-client.ts';
import { readFragmentFiles } from './folio-files.ts';
import { folioPartsFor } from './folio-parts.ts';
import { mergeIntoWorkflow, type MergeConflict } from './merge-workflow.ts';
import { ADD_ROUTE_STEP, OMS_MAIN_MANIFEST_SETTING, withFolioRoute } from './oms-main-manifest.ts';
import { ACCOUNT_CONTEXT_ID, settingFileSchema, type SettingFile } from './setting-file.ts';
import { requestOnOf, type RequestOn } from './stamp.ts';
import type { StampedForPush } from './stamped-dir.ts';
import { fluentWorkflowSchema, type Workflow } from './workflow-schema.ts';

/** What push reads from the account before it writes anything (FluentAdminClient has these). */
export interface AccountReader {
  getWorkflow(retailerId: string, name: string): Promise<Record<string, unknown> | undefined>;
  findSetting(name: string, context: string, contextId: number): Promise<StoredSetting | undefined>;
  listRules(): Promise<Record<string, unknown>>;
  findPluginStatus(bundleName: string): Promise<{ bundleStatus: string } | undefined>;
}

export type PluginStep =
  | { kind: 'install'; bundleName: string; rules: string[] }
  | { kind: 'active'; bundleName: string }
  | { kind: 'checked'; rules: string[] };

export type SettingStep = { kind: 'create' | 'update' | 'unchanged'; setting: SettingFile; diff?: string };

export type ManifestStep = { kind: 'present' } | { kind: 'add'; setting: SettingFile; diff: string } | { kind: 'manual'; reason: string };

export type WorkflowStep =
  | { kind: 'create'; workflow: Workflow }
  | { kind: 'merge'; workflow: Workflow; from: string; added: string[]; diff: string }
  | { kind: 'unchanged'; name: string; version: string }
  | { kind: 'conflict'; name: string; conflicts: MergeConflict[] };

export interface InstallPlan {
  /** In the order push carries them out: plugin → settings (and the main manifest's route) → workflows. */
  plugin: PluginStep;
  settings: SettingStep[];
  manifest: ManifestStep;
  workflows: WorkflowStep[];
  /** Steps push leaves to a person, each spelled out. */
  byHand: string[];
  /** Why push must not write anything; empty when it may. */
  problems: string[];
}

export interface PlanInput {
  dir: string;
  stamped: StampedForPush;
  accountId: string;
  /** Retailer whose workflows `mergeInto` names (default for fragments). */
  retailerId: string;
  /** The account's workflows (e.g. ORDER::HD) to merge Folio's fragments into. */
  mergeInto: string[];
  /** A plugin jar push will install first (`--jar`). */
  jar?: { bundleName: string; rules: string[] };
}

/** Subtypes for the example in a printed step (REFERENCE.md §5: ORDER::HD, RETURN_ORDER::DEFAULT). */
const USUAL_SUBTYPE: Record<string, string> = { ORDER: 'HD', RETURN_ORDER: 'DEFAULT' };
const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const rulesetKey = (r: { type: string; name: string }) => `${r.type}/${r.name}`;
const statusKey = (s: { entityType: string; name: string }) => `${s.entityType}/${s.name}`;

/** A setting's value as JSON (Fluent may hand a JSON setting's lobValue back as text). */
function storedValue(setting: Pick<StoredSetting, 'value' | 'lobValue'>): unknown {
  const raw = setting.lobValue ?? setting.value;
  if (typeof raw !== 'string') return raw ?? null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Reads the account and works out every step of an install without changing anything. A workflow the
 * account lacks is created from the stamped file; one it has gets Folio merged in with the same logic
 * as `folio fluent merge` (their rulesets, statuses and settings stay; a differing one is a conflict).
 */
export async function planInstall(account: AccountReader, input: PlanInput): Promise<InstallPlan> {
  const problems: string[] = [];
  const byHand: string[] = [];
  const workflowsDir = join(input.dir, 'workflows');
  const billing = input.stamped.workflows.find((w) => w.workflow.entityType === 'BILLING_ACCOUNT');
  const requestOn: RequestOn = billing ? requestOnOf(billing.workflow) : 'create';

  const workflows: WorkflowStep[] = [];
  const planned = new Set<string>();
  const mergeIntoAccount = async (retailerId: string, name: string, source: { stamped?: Workflow; named?: boolean }) => {
    const raw = await account.getWorkflow(retailerId, name);
    if (!raw) {
      if (source.stamped) workflows.push({ kind: 'create', workflow: source.stamped });
      else if (source.named) problems.push(`--merge-into ${name}: retailer ${retailerId} has no workflow ${name}`);
      if (source.stamped || source.named) planned.add(name);
      return;
    }
    planned.add(name);
    const parsed = fluentWorkflowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`the account's ${name} is not a workflow push can merge into: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      return;
    }
    const theirs = parsed.data;
    const ours = folioPartsFor(theirs, input.accountId, requestOn, workflowsDir);
    if (!ours) {
      problems.push(`--merge-into ${name}: Folio has nothing to add to ${theirs.entityType} workflows`);
      return;
    }
    const result = mergeIntoWorkflow(theirs, ours);
    if (!result.ok) {
      workflows.push({ kind: 'conflict', name, conflicts: result.conflicts });
      problems.push(`${name}: ${result.conflicts.length} conflict(s) with the account's workflow (diffs above)`);
    } else if (result.workflow === theirs) {
      workflows.push({ kind: 'unchanged', name, version: theirs.version });
    } else {
      assertKeepsTheirs(theirs, result.workflow);
      const diff = createTwoFilesPatch(`account ${name} ${theirs.version}`, `merged ${name} ${result.workflow.version}`, pretty(theirs), pretty(result.workflow));
      workflows.push({ kind: 'merge', workflow: result.workflow, from: theirs.version, added: result.added, diff });
    }
  };
  for (const { workflow } of input.stamped.workflows) await mergeIntoAccount(workflow.retailerId, workflow.name, { stamped: workflow });
  for (const name of input.mergeInto) if (!planned.has(name)) await mergeIntoAccount(input.retailerId, name, { named: true });
  // A fragment written for one exact workflow goes there when the account has it; `ORDER::*` needs a name.
  const fragments = readFragmentFiles(workflowsDir);
  for (const { fragment } of fragments) if (!fragment.fragmentOf.includes('*') && !planned.has(fragment.fragmentOf)) await mergeIntoAccount(input.retailerId, fragment.fragmentOf, {});

  const fragmentsLeft = fragments.filter(({ fragment }) => {
    const [type] = fragment.fragmentOf.split('::');
    return ![...planned].some((name) => name === fragment.fragmentOf || (fragment.fragmentOf.endsWith('::*') && name.startsWith(`${type}::`)));
  });
  for (const { file, fragment } of fragmentsLeft) {
    const example = fragment.fragmentOf.replace('::*', `::${USUAL_SUBTYPE[fragment.fragmentOf.split('::')[0]!] ?? 'DEFAULT'}`);
    byHand.push(
      `${file.slice(input.dir.length + 1)} (for ${fragment.fragmentOf}) was not merged: name the account's workflow it belongs in, ` +
        `"folio fluent push --dir ${input.dir} --merge-into ${example}", or merge it yourself: "folio fluent merge --into <your ${example} workflow.json> --out ${join(input.dir, 'workflows', `${example.replace('::', '-')}.json`)}".`,
    );
  }

  const settings: SettingStep[] = [];
  for (const { setting } of input.stamped.settings) {
    const existing = await account.findSetting(setting.name, setting.context, setting.contextId);
    const wanted = setting.lobValue ?? setting.value ?? null;
    if (!existing) settings.push({ kind: 'create', setting });
    else if (pretty(storedValue(existing)) === pretty(wanted)) settings.push({ kind: 'unchanged', setting });
    else settings.push({ kind: 'update', setting, diff: createTwoFilesPatch(`account ${setting.name}`, `folio ${setting.name}`, pretty(storedValue(existing)), pretty(wanted)) });
  }

  const manifest = await manifestStep(account);
  if (manifest.kind === 'manual') byHand.push(manifest.reason);
  return { plugin: await pluginStep(account, input, workflows, problems), settings, manifest, workflows, byHand, problems };
}

/** The account's rulesets and statuses must all survive a merge; anything else is a bug, so stop. */
function assertKeepsTheirs(theirs: Workflow, merged: Workflow): void {
  const rulesets = new Set(merged.rulesets.map((r) => pretty(r)));
  const statuses = new Set(merged.statuses.map(statusKey));
  const lost = [...theirs.rulesets.filter((r) => !rulesets.has(pretty(r))).map(rulesetKey), ...theirs.statuses.map(statusKey).filter((s) => !statuses.has(s))];
  if (lost.length) throw new Error(`merging into ${theirs.name} would drop ${lost.join(', ')}; nothing written`);
}

/** With a jar: install it unless that bundle is ACTIVE. Without: Folio's rules the workflows use must be installed already. */
async function pluginStep(account: AccountReader, input: PlanInput, workflows: WorkflowStep[], problems: string[]): Promise<PluginStep> {
  const namespace = `${input.accountId}.folio.`;
  const written = workflows.flatMap((step) => (step.kind === 'create' || step.kind === 'merge' ? [step.workflow] : []));
  const needed = [...new Set(written.flatMap((w) => w.rulesets.flatMap((r) => r.rules.map((rule) => rule.name))).filter((name) => name.startsWith(namespace)))].sort();
  let step: PluginStep = { kind: 'checked', rules: needed };
  const available = new Set(Object.keys(await account.listRules()));
  if (input.jar) {
    const status = await account.findPluginStatus(input.jar.bundleName);
    step = status?.bundleStatus === 'ACTIVE' ? { kind: 'active', bundleName: input.jar.bundleName } : { kind: 'install', ...input.jar };
    if (step.kind === 'install') for (const rule of input.jar.rules) available.add(rule);
  }
  const missing = needed.filter((name) => !available.has(name));
  if (missing.length) {
    problems.push(
      `Folio's rule plugin is not installed on ${input.accountId} (missing ${missing.join(', ')}${input.jar ? ` and not in ${input.jar.bundleName}` : ''}). ` +
        'Build it (fluent-rules/README.md) and push with "--jar fluent-rules/target/folio-fluent-rules-<version>.jar", or run "folio fluent plugin push" first.',
    );
  }
  return step;
}

/** Adds the route to Folio's OMS fragment to the account's main manifest, or says exactly what to do. */
async function manifestStep(account: AccountReader): Promise<ManifestStep> {
  const main = await account.findSetting(OMS_MAIN_MANIFEST_SETTING, 'ACCOUNT', ACCOUNT_CONTEXT_ID);
  if (!main) return { kind: 'manual', reason: `the account has no ${OMS_MAIN_MANIFEST_SETTING} setting (the OMS runs Fluent's baseline manifest): create it from the baseline, then ${ADD_ROUTE_STEP}` };
  const current = storedValue(main);
  const change = withFolioRoute(current);
  if (change.kind !== 'add') return change.kind === 'present' ? change : { kind: 'manual', reason: `${change.reason}: ${ADD_ROUTE_STEP}` };
  const valueType = settingFileSchema.shape.valueType.safeParse(main.valueType);
  const asText = typeof (main.lobValue ?? main.value) === 'string';
  const setting: SettingFile = {
    name: OMS_MAIN_MANIFEST_SETTING,
    valueType: valueType.success ? valueType.data : 'JSON',
    context: 'ACCOUNT',
    contextId: ACCOUNT_CONTEXT_ID,
    ...(main.lobValue === undefined || main.lobValue === null ? { value: JSON.stringify(change.manifest) } : { lobValue: asText ? JSON.stringify(change.manifest) : change.manifest }),
  };
  return { kind: 'add', setting, diff: createTwoFilesPatch(`account ${OMS_MAIN_MANIFEST_SETTING}`, `with Folio's route`, pretty(current), pretty(change.manifest)) };
}
