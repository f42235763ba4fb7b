import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingAccount, createInvoice, startFluent, type TestFluent } from './helpers.ts';

describe('emulator Event API (/api/v4.1/event)', () => {
  let fluent: TestFluent;
  beforeAll(async () => {
    // The real workflow, with the webhook going nowhere: only event bookkeeping matters here.
    fluent = await startFluent({ webhookRetryDelaysMs: [], settings: { 'folio.webhook': { name: 'FolioDocumentRequested', url: 'http://127.0.0.1:9/hook' } } });
    await createBillingAccount(fluent, 'BA-EV');
    await createInvoice(fluent, 'INV-EV', 'BA-EV');
    await fluent.emulator.idle();
  });
  afterAll(() => fluent.emulator.close());

  const event = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    retailerId: '1',
    entityType: 'INVOICE',
    entityRef: 'INV-EV',
    rootEntityType: 'BILLING_ACCOUNT',
    rootEntityRef: 'BA-EV',
    attributes: {},
    ...extra,
  });

  it('queues an async event, answers its id, and runs it through the workflow', async () => {
    const response = await fluent.post('/api/v4.1/event/async', event('FolioDocumentFailed', { attributes: { folioFailureReason: 'template error' } }));
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await fluent.emulator.idle();
    const stored = await fluent.get(`/api/v4.1/event/${id}`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({
      id,
      name: 'FolioDocumentFailed',
      type: 'ORCHESTRATION',
      accountId: 'ACME',
      retailerId: '1',
      eventStatus: 'COMPLETE',
      context: { entityType: 'INVOICE', entityRef: 'INV-EV', entityId: '1', rootEntityType: 'BILLING_ACCOUNT', rootEntityRef: 'BA-EV', rootEntityId: '1' },
      attributes: [{ name: 'folioFailureReason', type: 'STRING', value: 'template error' }],
      generatedBy: 'folio-api',
    });
    expect(fluent.emulator.store.byRef('Invoice', 'INV-EV')?.status).toBe('DOCUMENT_FAILED');
  });

  it('runs a sync event inline and answers eventId, entityId and eventStatus', async () => {
    const noMatch = await fluent.post('/api/v4.1/event/sync', event('NoSuchRuleset'));
    expect(noMatch.status).toBe(200);
    const body = (await noMatch.json()) as Record<string, unknown>;
    expect(body).toEqual({ eventId: expect.any(String), entityId: '1', eventStatus: 'NO_MATCH' });
    expect(fluent.emulator.events().find((e) => e.id === body.eventId)?.message).toMatch(/no ruleset NoSuchRuleset for INVOICE in status/);

    const unknownEntity = await (await fluent.post('/api/v4.1/event/sync', event('FolioRetryDocument', { entityRef: 'NOPE' }))).json();
    expect(unknownEntity).toMatchObject({ entityId: null, eventStatus: 'FAILED' });

    const retry = await (await fluent.post('/api/v4.1/event/sync', event('FolioRetryDocument'))).json();
    expect(retry).toMatchObject({ entityId: '1', eventStatus: 'COMPLETE' });
    expect(fluent.emulator.store.byRef('Invoice', 'INV-EV')?.status).toBe('DOCUMENT_REQUESTED');
  });

  it('answers 404 for an unknown event id', async () => {
    const response = await fluent.get('/api/v4.1/event/00000000-0000-0000-0000-000000000000');
    expect(response.status).toBe(404);
  });

  it('lists events with filters and paging', async () => {
    const list = async (query: string) =>
      (await (await fluent.get(`/api/v4.1/event?${query}`)).json()) as { start: number; count: number; hasMore: boolean; results: { name: string; eventStatus: string; context: { entityRef?: string } }[] };
    const creates = await list('name=CREATE&context.entityType=INVOICE');
    expect(creates.results).toHaveLength(1);
    expect(creates.results[0]).toMatchObject({ name: 'CREATE', eventStatus: 'COMPLETE', context: { entityRef: 'INV-EV' } });
    const noMatches = await list('eventStatus=NO_MATCH&context.entityRef=INV-EV');
    expect(noMatches.results.map((e) => e.name)).toEqual(['NoSuchRuleset']);
    const forInvoice = await list('context.entityRef=INV-EV&eventType=ORCHESTRATION');
    const page = await list('context.entityRef=INV-EV&eventType=ORCHESTRATION&start=1&count=2');
    expect(page).toMatchObject({ start: 1, count: 2, hasMore: forInvoice.results.length > 3 });
    expect(page.results).toEqual(forInvoice.results.slice(1, 3));
    const badFilter = await fluent.get('/api/v4.1/event?count=zero');
    expect(badFilter.status).toBe(400);
  });

  it('refuses bad bodies with 400 and a message', async () => {
    const cases: unknown[] = [
      { retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-EV' },
      { name: 'X', entityType: 'INVOICE', entityRef: 'INV-EV' },
      { name: 'X', retailerId: '1', entityType: 'INVOICE' },
      { name: 'X', retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-EV', attributes: ['not', 'an', 'object'] },
      { name: 'X', retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-EV', accountId: 'OTHER' },
    ];
    for (const body of cases) {
      const response = await fluent.post('/api/v4.1/event/async', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/^Invalid event: /);
    }
    const notJson = await fetch(`${fluent.emulator.url}/api/v4.1/event/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fluent.token}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
  });
});
