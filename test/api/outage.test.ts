import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createApiKeys } from '../../connector/api/api-keys.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { freshPgliteDatabase } from '../support/databases.ts';
import { startApiServer } from './support/api-server.ts';
import { createContractChecker } from './support/contract.ts';

it('answers 503 problem+json, as openapi.json documents, when its database is gone', async () => {
  const fresh = await freshPgliteDatabase();
  const root = await mkdtemp(join(tmpdir(), 'folio-api-outage-'));
  const server = await startApiServer({ db: fresh.db, store: createLocalFileStore({ root }) });
  try {
    const key = (await createApiKeys(fresh.db).create({ scope: { accountId: 'ACME', retailerId: '1' }, name: 'outage' })).secret;
    await fresh.db.close();
    const url = `${server.baseUrl}/api/v1/documents`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(503);
    expect(await createContractChecker().check('GET', url, response)).toMatchObject({ status: 503, title: 'temporarily unavailable' });
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
