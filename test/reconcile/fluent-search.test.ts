import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { searchBillingEntities } from '../../connector/reconcile/fluent-entities.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';

async function all<T>(pages: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

// Fluent's invoice search, as the sweep and backfill page through it (no webhook setting: every
// invoice stays DOCUMENT_REQUESTED).
describe('searchBillingEntities against the emulator', () => {
  let emulator: Emulator;
  let fluent: FluentHttpClient;
  let between: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    for (const suffix of ['S1', 'S2', 'S3']) await createSampleInvoice(fluent, { retailerId: '1', suffix });
    await emulator.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const suffix of ['S4', 'S5']) await createSampleInvoice(fluent, { retailerId: '1', suffix });
    await emulator.idle();
  });
  afterAll(() => emulator?.close());

  it('pages with first/after until hasNextPage is false, each entity once, with its root and retailer', async () => {
    const pages = await all(searchBillingEntities(fluent, 'INVOICE', '1', { statuses: ['DOCUMENT_REQUESTED'], pageSize: 2 }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const entities = pages.flat();
    expect(entities.map((e) => e.ref)).toEqual(['INV-S1', 'INV-S2', 'INV-S3', 'INV-S4', 'INV-S5']);
    expect(entities[0]).toMatchObject({ entityType: 'INVOICE', status: 'DOCUMENT_REQUESTED', retailerId: '1', subtype: 'INVOICE', root: { ref: 'BA-S1' } });
  });

  it('filters by updatedOn and createdOn ranges, and by status', async () => {
    const refs = async (search: Parameters<typeof searchBillingEntities>[3]) => (await all(searchBillingEntities(fluent, 'INVOICE', '1', search))).flat().map((e) => e.ref);
    expect(await refs({ updatedOn: { to: between } })).toEqual(['INV-S1', 'INV-S2', 'INV-S3']);
    expect(await refs({ createdOn: { from: between } })).toEqual(['INV-S4', 'INV-S5']);
    expect(await refs({ statuses: ['DOCUMENT_GENERATED'] })).toEqual([]);
  });

  it('keeps only the configured retailer', async () => {
    expect((await all(searchBillingEntities(fluent, 'INVOICE', '2', {}))).flat()).toEqual([]);
  });
});
