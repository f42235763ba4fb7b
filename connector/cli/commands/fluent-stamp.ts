import { resolve } from 'node:path';
import { stampedContent } from '../../install/stamp-bundle.ts';
import { checkAccountId, webhookUrlFor, type RequestOn } from '../../install/stamp.ts';
import { writeStampedDir } from '../../install/stamped-dir.ts';
import { UsageError, type Command } from '../command.ts';
import { asUsage, parseOptions, required, retailerFrom } from './fluent-options.ts';

const usage = `Usage: folio fluent stamp --account ACME --endpoint https://folio.example.com [options]

Writes ready-to-import Fluent files for one account:
  <out>/workflows/BILLING_ACCOUNT-CUSTOMER.json   Folio's billing workflow: rule names [[account.id]] → ACME, retailerId set
  <out>/workflows/fragments/*.json               ORDER / FULFILMENT / RETURN_ORDER fragments ("folio fluent push --merge-into ORDER::HD")
  <out>/settings/folio.webhook.json              {"name":"FolioDocumentRequested","url":"<endpoint>/fluent/webhook"}
  <out>/settings/fc.mystique.manifest.oms.fragment.folio.json   the OMS web-app pages

Options:
  --account ID          Fluent account id, e.g. ACME (or FLUENT_ACCOUNT_ID)
  --endpoint URL        the connector's public base URL; https:// (http:// only for localhost)
  --retailer ID         retailer id the workflows belong to (default FLUENT_RETAILER_ID or 1)
  --out DIR             output directory (default ./stamped)
  --request-on WHEN     create (default): invoices, credit memos and payments ask for their document when created;
                        event: they wait in CREATED until your rules send FolioRequestDocument
  -h, --help            this text`;

export const fluentStampCommand: Command = {
  path: ['fluent', 'stamp'],
  summary: 'Write Folio workflows, settings and OMS manifests stamped for one Fluent account',
  usage,
  async run(args) {
    const values = parseOptions(args, {
      account: { type: 'string' },
      endpoint: { type: 'string' },
      retailer: { type: 'string' },
      out: { type: 'string' },
      'request-on': { type: 'string' },
    });
    const requestOn = (values['request-on'] ?? 'create') as RequestOn;
    if (requestOn !== 'create' && requestOn !== 'event') throw new UsageError(`--request-on must be "create" or "event", not "${requestOn}"`);
    const options = {
      accountId: asUsage(() => checkAccountId(required(values.account, 'account', 'FLUENT_ACCOUNT_ID'))),
      retailerId: retailerFrom(values.retailer),
      webhookUrl: asUsage(() => webhookUrlFor(required(values.endpoint, 'endpoint'))),
      requestOn,
    };
    const out = resolve(values.out ?? 'stamped');
    const written = writeStampedDir(out, stampedContent(options));
    console.log(`Stamped for account ${options.accountId}, retailer ${options.retailerId}; webhook ${options.webhookUrl}`);
    for (const path of written) console.log(`  wrote ${path}`);
    console.log(`Next: "folio fluent push --dir ${out} --dry-run" shows the plan (it merges into workflows the account already has; --merge-into ORDER::HD for the fragments), then push without --dry-run.`);
    return 0;
  },
};
