import { parseArgs } from 'node:util';
import { createApiKeys } from '../../api/api-keys.ts';
import { UsageError, type Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';
import { RETAILER_OPTIONS, RETAILER_USAGE, retailerFrom, table } from './retailer-options.ts';

const DATABASE_NOTE = 'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var).';

export const apiKeysCreateCommand: Command = {
  path: ['api-keys', 'create'],
  summary: 'Make an API key for the documents API, scoped to one retailer (the key is shown once)',
  usage: [
    'Usage: folio api-keys create --retailer ID [--account ID] --name TEXT [--rate-limit N] [--by WHO]',
    '',
    'Prints the key once: Folio keeps only its SHA-256. The key reads that retailer\'s documents only.',
    ...RETAILER_USAGE,
    '  --name TEXT     who or what uses it, e.g. "ERP export"',
    '  --rate-limit N  requests per minute for this key (default FOLIO_API_RATE_LIMIT_PER_MINUTE)',
    '  --by WHO        recorded as its creator',
    '',
    DATABASE_NOTE,
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { ...RETAILER_OPTIONS, name: { type: 'string' }, 'rate-limit': { type: 'string' }, by: { type: 'string' } } });
    const scope = retailerFrom(values, true);
    if (!values.name) throw new UsageError('name the key with --name');
    const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
    if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0)) throw new UsageError('--rate-limit is a whole number of requests per minute, above 0');
    const db = await databaseFromEnv();
    try {
      const created = await createApiKeys(db).create({ scope, name: values.name, ...(rateLimit && { rateLimitPerMinute: rateLimit }), ...(values.by && { createdBy: values.by }) });
      console.log(`API key ${created.key.id} for ${scope.accountId} retailer ${scope.retailerId}:\n\n  ${created.secret}\n\nStore it now: it is not shown again. Send it as "Authorization: Bearer <key>".`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const apiKeysListCommand: Command = {
  path: ['api-keys', 'list'],
  summary: 'List API keys (never their secrets), revoked ones included',
  usage: ['Usage: folio api-keys list [--retailer ID [--account ID]] [--json]', '', ...RETAILER_USAGE, '  --json          one JSON array', '', DATABASE_NOTE].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { ...RETAILER_OPTIONS, json: { type: 'boolean', default: false } } });
    const scope = retailerFrom(values, false);
    const db = await databaseFromEnv();
    try {
      const keys = await createApiKeys(db).list(scope ? { scopes: [scope] } : {});
      if (values.json) console.log(JSON.stringify(keys));
      else if (keys.length === 0) console.log('no API keys');
      else {
        console.log(table(
          ['ID', 'NAME', 'RETAILER', 'RATE/MIN', 'CREATED', 'LAST USED', 'REVOKED'],
          keys.map((key) => [key.id, key.name, `${key.accountId}:${key.retailerId}`, String(key.rateLimitPerMinute ?? 'default'), key.createdAt.toISOString(), key.lastUsedAt?.toISOString() ?? '—', key.revokedAt ? `${key.revokedAt.toISOString()}${key.revokedBy ? ` by ${key.revokedBy}` : ''}` : '—']),
        ));
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const apiKeysRevokeCommand: Command = {
  path: ['api-keys', 'revoke'],
  summary: 'Revoke an API key: it is refused (401) from now on',
  usage: ['Usage: folio api-keys revoke <key id> [--by WHO]', '', '  --by WHO   recorded as who revoked it', '', DATABASE_NOTE].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { by: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one key id (see folio api-keys list)');
    const db = await databaseFromEnv();
    try {
      const revoked = await createApiKeys(db).revoke(positionals[0]!, values.by ? { revokedBy: values.by } : {});
      if (!revoked) {
        console.error(`no API key ${positionals[0]}`);
        return 1;
      }
      console.log(`API key ${revoked.id} (${revoked.name}) revoked at ${revoked.revokedAt!.toISOString()}`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
