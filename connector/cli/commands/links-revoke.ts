import { parseArgs } from 'node:util';
import { recordAuditEvent } from '../../audit/audit-trail.ts';
import { createLinkRevocations } from '../../links/revocations.ts';
import { UsageError, type Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';

export const linksRevokeCommand: Command = {
  path: ['links', 'revoke'],
  summary: "Withdraw every view/download link issued so far for a document (e.g. sent to the wrong person)",
  usage: [
    'Usage: folio links revoke <invoice ref | document key> [--reason TEXT]',
    '',
    'Links issued before now answer 410 "Link withdrawn"; links issued later (a replay, a new email)',
    'work again. The revocation is recorded in the audit trail with the reason.',
    '',
    'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var).',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { reason: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one invoice ref or document key');
    const target = positionals[0]!;
    const db = await databaseFromEnv();
    try {
      // Links name the stored file; an entity ref finds it through the document records.
      const { rows } = await db.query<{ key: string; tenant: string }>(
        `SELECT storage->>'key' AS key, account_id || ':' || retailer_id AS tenant FROM folio_documents
          WHERE storage IS NOT NULL AND (entity_ref = $1 OR storage->>'key' = $1)`,
        [target],
      );
      if (rows.length === 0) {
        console.error(`no stored document for ${target}`);
        return 1;
      }
      const revocations = createLinkRevocations(db);
      for (const { key, tenant } of rows) {
        await revocations.revoke(key, values.reason);
        await recordAuditEvent(db, { step: 'revoked', documentKey: key, entityRef: target, tenant, details: { reason: values.reason ?? null } });
        console.log(`revoked every link issued so far for ${key}`);
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
