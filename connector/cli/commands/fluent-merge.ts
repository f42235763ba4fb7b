import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readValidated } from '../../install/folio-files.ts';
import { accountOfRules, folioPartsFor } from '../../install/folio-parts.ts';
import { mergeIntoWorkflow } from '../../install/merge-workflow.ts';
import { checkAccountId, type RequestOn } from '../../install/stamp.ts';
import { workflowSchema } from '../../install/workflow-schema.ts';
import { UsageError, type Command } from '../command.ts';
import { asUsage, parseOptions } from './fluent-options.ts';

const usage = `Usage: folio fluent merge --into their-workflow.json [--out merged.json] [options]

Adds Folio's statuses and rulesets to a workflow the retailer already has (matched by entity type and
subtype: BILLING_ACCOUNT::* gets Folio's billing rulesets, ORDER::* the order-confirmation and shipment-note
fragments, RETURN_ORDER::* the return-confirmation fragment). Their rulesets are never changed; the minor
version goes up. A ruleset both have with different content is a conflict: nothing is written, the
differences are printed and the exit code is 1.

Options:
  --into FILE           the retailer's workflow JSON (as GET /api/v4.1/workflow/{retailerId}/{name} returns it)
  --out FILE            where to write the merged workflow (default: standard output)
  --account ID          account for Folio's rule names (default: the account their rule names use)
  --request-on WHEN     create (default) or event: keep their CREATE rulesets and send FolioRequestDocument from them
  -h, --help            this text`;

export const fluentMergeCommand: Command = {
  path: ['fluent', 'merge'],
  summary: "Add Folio's rulesets and statuses to a retailer's existing workflow",
  usage,
  async run(args) {
    const values = parseOptions(args, { into: { type: 'string' }, out: { type: 'string' }, account: { type: 'string' }, 'request-on': { type: 'string' } });
    if (!values.into) throw new UsageError('missing --into (the workflow to merge into)');
    const requestOn = (values['request-on'] ?? 'create') as RequestOn;
    if (requestOn !== 'create' && requestOn !== 'event') throw new UsageError(`--request-on must be "create" or "event", not "${requestOn}"`);
    const theirs = readValidated(resolve(values.into), workflowSchema);
    const accountId = values.account ? asUsage(() => checkAccountId(values.account!)) : accountOfRules(theirs);
    if (!accountId) throw new UsageError(`cannot tell the account from the rule names in ${values.into}; pass --account`);

    const ours = folioPartsFor(theirs, accountId, requestOn);
    if (!ours) throw new Error(`Folio has nothing to add to ${theirs.name}: it ships rulesets for BILLING_ACCOUNT, ORDER and RETURN_ORDER workflows`);
    const result = mergeIntoWorkflow(theirs, ours);
    if (!result.ok) {
      for (const conflict of result.conflicts) console.error(`Conflict in ${conflict.ruleset}:\n${conflict.diff}`);
      console.error(
        `folio fluent merge: ${result.conflicts.length} conflict(s); nothing written. Folio needs these rulesets as shown ("+" lines). ` +
          'Rename or fold yours into them by hand, or, for CREATE, pass --request-on event and send FolioRequestDocument from your ruleset.',
      );
      return 1;
    }
    const merged = `${JSON.stringify(result.workflow, null, 2)}\n`;
    if (values.out) writeFileSync(resolve(values.out), merged);
    else process.stdout.write(merged);
    const summary = result.added.length ? `added ${result.added.join(', ')}; version ${theirs.version} → ${result.workflow.version}` : 'nothing to add: Folio is already merged';
    console.error(`Merged Folio (${ours.sources.map((s) => s.replace(/^.*\/workflows\//, 'workflows/')).join(', ')}) into ${theirs.name}: ${summary}`);
    return 0;
  },
};
