import { resolve } from 'node:path';
import { FluentAdminClient } from '../../install/admin-client.ts';
import { accountOfRules } from '../../install/folio-parts.ts';
import { planInstall, type InstallPlan } from '../../install/install-plan.ts';
import { describePlan } from '../../install/install-plan-text.ts';
import { OMS_MAIN_MANIFEST_SETTING } from '../../install/oms-main-manifest.ts';
import { readStampedDir } from '../../install/stamped-dir.ts';
import { UsageError, type Command } from '../command.ts';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom, parseOptions, retailerFrom } from './fluent-options.ts';
import { pluginRuleNames, readLocalPlugin, seconds, uploadAndInstallPlugin, type LocalPlugin } from './fluent-plugin-push.ts';

const usage = `Usage: folio fluent push [--dir stamped] [--jar PLUGIN.jar] [--merge-into ORDER::HD …] [--dry-run] [connection options]

Installs what "folio fluent stamp" wrote, safely. It first reads the account, then works in this order:
  1. plugin    with --jar: uploads and installs it (as "folio fluent plugin push"), unless that bundle is
               already ACTIVE; without: checks Folio's rules are installed and stops if they are not
  2. settings  creates or updates every setting in <dir>/settings/, then adds the route to Folio's OMS
               fragment to the account's fc.mystique.manifest.oms (or prints the exact step)
  3. workflows a workflow the account does not have is created from <dir>/workflows/; one it has gets
               Folio merged in (as "folio fluent merge": their rulesets, statuses and settings are kept,
               the minor version goes up), or is left alone when Folio is already in it
Settings come before workflows so no document request can fire before its webhook setting exists.
If any merge conflicts (a ruleset or workflow setting both have, with other content), push prints the
differences, writes nothing and exits 1.

Options:
  --dir DIR              what "folio fluent stamp" wrote (default ./stamped)
  --jar FILE             Folio's rule plugin jar to install first (see fluent-rules/README.md)
  --merge-into NAME      an account workflow to merge Folio's fragments into, e.g. ORDER::HD or
                         RETURN_ORDER::DEFAULT (repeatable); fragments for no named workflow are printed as steps
  --retailer ID          retailer of the --merge-into workflows (default FLUENT_RETAILER_ID or 1)
  --dry-run              print the plan, with the differences, and change nothing
  --timeout SECONDS      with --jar: how long to wait for the plugin to be ACTIVE (default 300)
  -h, --help             this text

${CONNECTION_USAGE}`;

/** Carries out a plan that has no problems, in its order: plugin → settings → workflows. */
async function carryOut(client: FluentAdminClient, accountId: string, plan: InstallPlan, plugin: LocalPlugin | undefined, timeoutMs: number): Promise<void> {
  if (plan.plugin.kind === 'install' && plugin) await uploadAndInstallPlugin(client, accountId, plugin, { timeoutMs, intervalMs: 2000 });
  for (const step of plan.settings) {
    const outcome = step.kind === 'unchanged' ? 'unchanged' : await client.upsertSetting(step.setting);
    console.log(`  setting ${step.setting.name} (${step.setting.context}): ${outcome}`);
  }
  if (plan.manifest.kind === 'add') {
    await client.upsertSetting(plan.manifest.setting);
    console.log(`  setting ${OMS_MAIN_MANIFEST_SETTING} (ACCOUNT): added Folio's fragment route`);
  }
  for (const step of plan.workflows) {
    if (step.kind === 'create' || step.kind === 'merge') {
      const answer = await client.putWorkflow(step.workflow);
      const how = step.kind === 'create' ? 'created' : `merged into ${step.from}`;
      console.log(`  workflow ${step.workflow.name} for retailer ${step.workflow.retailerId}: ${answer.entityId} ${answer.eventStatus} (${how})`);
    } else if (step.kind === 'unchanged') console.log(`  workflow ${step.name}: left alone (Folio is already merged into ${step.version})`);
  }
}

export const fluentPushCommand: Command = {
  path: ['fluent', 'push'],
  summary: 'Install stamped settings, OMS manifests and workflows into a Fluent account, merging into existing workflows',
  usage,
  async run(args) {
    const values = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      dir: { type: 'string' },
      jar: { type: 'string' },
      'merge-into': { type: 'string', multiple: true },
      retailer: { type: 'string' },
      'dry-run': { type: 'boolean' },
      timeout: { type: 'string' },
    });
    const connection = connectionFrom(values);
    const dir = resolve(values.dir ?? 'stamped');
    const timeoutMs = seconds(values.timeout, 300, 'timeout');
    const mergeInto = values['merge-into'] ?? [];
    for (const name of mergeInto) if (!/^[A-Z_]+::[A-Z0-9_]+$/.test(name)) throw new UsageError(`--merge-into ${name}: give a workflow name such as ORDER::HD`);
    const stamped = readStampedDir(dir);
    for (const { file, workflow } of stamped.workflows) {
      const account = accountOfRules(workflow);
      if (account && account !== connection.accountId) {
        throw new Error(`${file} is stamped for account ${account}, not ${connection.accountId}; stamp again with --account ${connection.accountId}`);
      }
    }
    const plugin = values.jar ? readLocalPlugin(values.jar, connection.accountId) : undefined;

    const client = new FluentAdminClient(connection);
    await client.checkToken();
    console.log(`Signed in to ${connection.baseUrl} as ${connection.credentials.username} (account ${connection.accountId})`);
    const plan = await planInstall(client, {
      dir,
      stamped,
      accountId: connection.accountId,
      retailerId: retailerFrom(values.retailer),
      mergeInto,
      ...(plugin && { jar: { bundleName: plugin.bundleName, rules: pluginRuleNames(plugin) } }),
    });
    console.log(`${values['dry-run'] ? 'Plan (dry run: nothing is changed)' : 'Plan'}:\n${describePlan(plan)}`);
    if (plan.problems.length) {
      for (const problem of plan.problems) console.error(`folio fluent push: ${problem}`);
      console.error('folio fluent push: nothing written.');
      return 1;
    }
    if (values['dry-run']) return 0;

    await carryOut(client, connection.accountId, plan, plugin, timeoutMs);
    const written = plan.workflows.filter((s) => s.kind === 'create' || s.kind === 'merge').length;
    console.log(`Pushed ${written} workflow(s) and ${plan.settings.filter((s) => s.kind !== 'unchanged').length} setting(s).`);
    if (plan.byHand.length) console.log(`Still to do by hand: ${plan.byHand.length} step(s), under "By hand" above.`);
    return 0;
  },
};
