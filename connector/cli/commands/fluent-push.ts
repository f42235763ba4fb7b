import { resolve } from 'node:path';
import { FluentAdminClient } from '../../fluent/admin-client.ts';
import { accountOfRules } from '../../fluent/folio-parts.ts';
import { readStampedDir } from '../../fluent/stamped-dir.ts';
import type { Command } from '../command.ts';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom, parseOptions } from './fluent-options.ts';

const usage = `Usage: folio fluent push [--dir stamped] [connection options]

Sends stamped files to Fluent: gets an OAuth token, PUTs every workflow in <dir>/workflows/*.json
(PUT /api/v4.1/workflow; Fluent checks the rules are installed, so push the plugin first), then creates
or updates every setting in <dir>/settings/*.json (GraphQL createSetting / updateSetting).
Merged workflows belong in <dir>/workflows/ too ("folio fluent merge … --out <dir>/workflows/ORDER-HD.json").

Options:
  --dir DIR              what "folio fluent stamp" wrote (default ./stamped)
  -h, --help             this text

${CONNECTION_USAGE}`;

export const fluentPushCommand: Command = {
  path: ['fluent', 'push'],
  summary: 'Push stamped workflows, settings and OMS manifests to a Fluent account',
  usage,
  async run(args) {
    const values = parseOptions(args, { ...CONNECTION_OPTIONS, dir: { type: 'string' } });
    const connection = connectionFrom(values);
    const dir = resolve(values.dir ?? 'stamped');
    const stamped = readStampedDir(dir);
    for (const { file, workflow } of stamped.workflows) {
      const account = accountOfRules(workflow);
      if (account && account !== connection.accountId) {
        throw new Error(`${file} is stamped for account ${account}, not ${connection.accountId}; stamp again with --account ${connection.accountId}`);
      }
    }
    const client = new FluentAdminClient(connection);
    await client.checkToken();
    console.log(`Signed in to ${connection.baseUrl} as ${connection.credentials.username} (account ${connection.accountId})`);
    for (const { workflow } of stamped.workflows) {
      const answer = await client.putWorkflow(workflow);
      console.log(`  workflow ${workflow.name} for retailer ${workflow.retailerId}: ${answer.entityId} ${answer.eventStatus}`);
    }
    for (const { setting } of stamped.settings) {
      const outcome = await client.upsertSetting(setting);
      console.log(`  setting ${setting.name} (${setting.context}): ${outcome}`);
    }
    console.log(`Pushed ${stamped.workflows.length} workflow(s) and ${stamped.settings.length} setting(s).`);
    return 0;
  },
};
