import { describe, expect, it } from 'vitest';
import { ATTRIBUTE, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import { generateDocument } from '../../connector/pipeline/generate-document.ts';
import { invoiceEvent, invoicePipeline } from './support/invoice-fluent.ts';

/** The use case with every port in memory: what it asks of each, in which order, and what it reports. */
describe('generateDocument', () => {
  it('fetches, builds, numbers, renders, stores and reports one document', async () => {
    const run = invoicePipeline();
    const generated = await generateDocument(run.deps, invoiceEvent());

    expect(generated).toMatchObject({ documentType: 'invoice', number: 'N-1', fileName: 'N-1.pdf', storage: { path: 'NORDWIND/1/invoice/N-1.pdf' } });
    expect(run.rendered.map((r) => [r.document.number, r.document.source.entityRef])).toEqual([['N-1', 'INV-2024-0042']]);
    expect([...run.files.keys()]).toEqual(['NORDWIND/1/invoice/N-1.pdf']);
    expect([...run.rows.values()].map((r) => [r.number, r.status])).toEqual([['N-1', 'reported']]);
    expect(run.audit.map((e) => e.step)).toEqual(['fetched', 'rendered', 'stored', 'reported', 'reported']);
    expect(run.posted[0]).toMatchObject({ name: DOCUMENT_GENERATED_EVENT, entityType: 'INVOICE', entityRef: 'INV-2024-0042', attributes: { [ATTRIBUTE.documentNumber]: 'N-1' } });
  });

  it('replays a reported document with its number and file, and does not deliver it twice', async () => {
    const run = invoicePipeline();
    const first = await generateDocument(run.deps, invoiceEvent('evt-1'));
    // The OMS retry action: another event about the same invoice.
    const replay = await generateDocument(run.deps, invoiceEvent('evt-2'));

    expect(replay.number).toBe(first.number);
    expect(replay.downloadUrl).toBe(first.downloadUrl);
    expect(run.rendered).toHaveLength(1);
    expect(run.files.size).toBe(1);
    expect([...run.sent.keys()]).toEqual(['NORDWIND/1/invoice/N-1.pdf']);
    // Both runs tell Fluent the document went out: the outbox answers "already sent" the second time.
    expect(replay.delivery).toMatchObject({ status: 'sent', channel: 'email' });
  });

  it('reports the delivery onto the entity after the document itself', async () => {
    const run = invoicePipeline();
    await generateDocument(run.deps, invoiceEvent());

    expect(run.posted.map((e) => e.attributes?.[ATTRIBUTE.deliveryStatus])).toEqual([undefined, 'sent']);
    expect(run.posted[1]?.attributes).toMatchObject({ [ATTRIBUTE.documentNumber]: 'N-1', [ATTRIBUTE.deliveredVia]: 'email' });
  });

  it('reports a failed delivery as failed, and nothing more when no channel applies', async () => {
    const failed = invoicePipeline();
    failed.deps.delivery = { deliver: async () => ({ status: 'failed', channel: 'sms', tried: [] }), close: async () => {} };
    await generateDocument(failed.deps, invoiceEvent());
    expect(failed.posted.map((e) => e.attributes?.[ATTRIBUTE.deliveryStatus])).toEqual([undefined, 'failed']);

    const silent = invoicePipeline();
    silent.deps.delivery = { deliver: async () => ({ status: 'no-channel', tried: [] }), close: async () => {} };
    await generateDocument(silent.deps, invoiceEvent());
    expect(silent.posted).toHaveLength(1);
  });
});
