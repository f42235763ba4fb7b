import type { InstallPlan, PluginStep, SettingStep, WorkflowStep } from './install-plan.ts';

const indent = (text: string) => text.trimEnd().replace(/^/gm, '      ');

function pluginLine(step: PluginStep): string {
  if (step.kind === 'install') return `install plugin ${step.bundleName} from the jar (rules: ${step.rules.join(', ') || 'none found'})`;
  if (step.kind === 'active') return `leave plugin ${step.bundleName} alone: it is already ACTIVE`;
  return step.rules.length ? `check Folio's rules are installed: ${step.rules.join(', ')}` : "no Folio rules to check (no workflow to write uses them)";
}

function settingLines(step: SettingStep): string[] {
  const name = `${step.setting.name} (${step.setting.context})`;
  if (step.kind === 'create') return [`create setting ${name}`];
  if (step.kind === 'unchanged') return [`leave setting ${name} alone: it already has this value`];
  return [`update setting ${name}:`, indent(step.diff ?? '')];
}

function workflowLines(step: WorkflowStep): string[] {
  if (step.kind === 'create') return [`create workflow ${step.workflow.name} ${step.workflow.version} for retailer ${step.workflow.retailerId} (the account has none; ${step.workflow.rulesets.length} rulesets)`];
  if (step.kind === 'unchanged') return [`leave workflow ${step.name} ${step.version} alone: Folio is already merged`];
  if (step.kind === 'conflict') return [`REFUSE to merge into workflow ${step.name}: ${step.conflicts.length} conflict(s)`, ...step.conflicts.map((c) => `    ${c.ruleset}:\n${indent(c.diff)}`)];
  return [`merge Folio into the account's workflow ${step.workflow.name} ${step.from} → ${step.workflow.version} (adds ${step.added.join(', ') || 'statuses and settings only'}; keeps every ruleset of theirs):`, indent(step.diff)];
}

/** The plan as an implementer reads it: numbered steps in the order push carries them out. */
export function describePlan(plan: InstallPlan): string {
  const lines = [
    `  1. plugin: ${pluginLine(plan.plugin)}`,
    '  2. settings:',
    ...plan.settings.flatMap(settingLines).map((line) => `    ${line}`),
    plan.manifest.kind === 'add'
      ? `    add Folio's fragment route to fc.mystique.manifest.oms (nothing removed):\n${indent(plan.manifest.diff)}`
      : plan.manifest.kind === 'present'
        ? "    leave fc.mystique.manifest.oms alone: it already references Folio's fragment"
        : '    leave fc.mystique.manifest.oms to you: see "By hand" below',
    '  3. workflows:',
    ...plan.workflows.flatMap(workflowLines).map((line) => `    ${line}`),
  ];
  if (plan.byHand.length) lines.push('  By hand:', ...plan.byHand.map((step) => `    - ${step}`));
  return lines.join('\n');
}
