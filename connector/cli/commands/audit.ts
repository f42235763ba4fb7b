import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listAudit } from '../../audit/audit-trail.ts';
import { formatAuditTrail } from '../../audit/format-trail.ts';
import { verifyStoredHash } from '../../audit/verify-hash.ts';
import { createLocalFileStore } from '../../store/local-file-store.ts';
import { UsageError, type Command } from '../command.ts';
import { dataDirFromEnv, databaseFromEnv } from '../database-from-env.ts';

export const auditCommand: Command = {
  path: ['audit'],
  summary: "Print a document's audit trail (by Fluent entity ref or storage key) and verify its file hash",
  usage: [
    'Usage: folio audit <invoice ref | document key> [--verify]',
    '',
    'Prints every recorded step (received, fetched, rendered, stored, reported, delivered, failed,',
    'retried) and every access of the document, oldest first.',
    '  --verify   also hash the stored file and compare it with the hash recorded when it was stored',
    '',
    'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var).',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { verify: { type: 'boolean', default: false } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one invoice ref or document key');
    const db = await databaseFromEnv();
    try {
      const events = await listAudit(db, positionals[0]!);
      if (events.length === 0) {
        console.log(`no audit trail for ${positionals[0]}`);
        return 1;
      }
      console.log(formatAuditTrail(events));
      if (!values.verify) return 0;
      const stored = [...events].reverse().find((e) => e.step === 'stored' && e.documentKey && e.sha256);
      if (!stored?.documentKey || !stored.sha256) {
        console.log('\nno stored file recorded: nothing to verify');
        return 1;
      }
      const store = createLocalFileStore({ root: join(dataDirFromEnv(), 'files') });
      const check = await verifyStoredHash(store, stored.documentKey, stored.sha256);
      console.log(check.matches ? `\n✔ ${stored.documentKey}: sha256 ${check.actual} matches the trail` : `\n✘ ${stored.documentKey}: file hash ${check.actual} ≠ recorded ${check.expected}`);
      return check.matches ? 0 : 1;
    } finally {
      await db.close();
    }
  },
};
