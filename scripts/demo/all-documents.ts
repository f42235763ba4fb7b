import { relative } from 'node:path';
import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import type { Emulator } from '../emulator/index.ts';
import { addPayments, createSampleBillingInvoice, createSampleCreditMemo } from './sample-billing.ts';
import { waitForDocument, type DocumentReply, type EntityKey } from './sample-documents.ts';
import type { CreatedInvoice } from './sample-invoice.ts';
import { createSampleFulfilment, createSampleOrder } from './sample-order.ts';
import { createSampleReturn } from './sample-return.ts';
import { installSampleWorkflows, PROFORMA_EVENT, RECEIPT_EVENT } from './sample-workflows.ts';

/**
 * One of every other document type through the emulator, after the demo's invoice: each starts with
 * what the OMS would do (create an entity, or an event from a payment provider or an agent), runs the
 * workflow, and waits for the connector's report. Failures are returned, not thrown, so the demo can
 * count them.
 */
export interface ProducedDocument {
  label: string;
  entity: EntityKey;
  reply: DocumentReply;
}

export interface AllDocumentsContext {
  emulator: Emulator;
  fluent: FluentClient;
  connectorUrl: string;
  /** The invoice already produced: credit and debit notes go on its billing account and order. */
  invoice: CreatedInvoice;
  suffix?: string;
  log?: (line: string) => void;
}

export async function produceAllDocuments(context: AllDocumentsContext): Promise<ProducedDocument[]> {
  const { emulator, fluent, invoice } = context;
  const suffix = context.suffix ?? 'ALL';
  const retailerId = emulator.retailerId;
  const log = context.log ?? (() => undefined);
  const produced: ProducedDocument[] = [];
  const done = async (label: string, entity: EntityKey, documentType?: string) => {
    const reply = await waitForDocument(emulator, entity, documentType);
    produced.push({ label, entity, reply });
    const pdf = reply.pdfPath ? relative(process.cwd(), reply.pdfPath) : '';
    log(reply.outcome === 'generated' ? `  ${label.padEnd(22)} ${reply.number!.padEnd(22)} ${pdf}` : `  ${label.padEnd(22)} FAILED: ${reply.failureReason}`);
    return reply;
  };
  await installSampleWorkflows(emulator, context.connectorUrl);

  // Credit note: the belt comes back; the order was paid 20.00 in loyalty points and the rest by card.
  await addPayments(fluent, invoice.orderRef, 'GBP', [{ method: 'LOYALTY_POINTS', amountMinor: 2000 }, { method: 'CARD', amountMinor: invoice.totalMinor - 2000, cardType: 'VISA' }], `${suffix}-INV`);
  const memo = await createSampleCreditMemo(fluent, {
    retailerId, ref: `CM-${suffix}`, billingAccountRef: invoice.billingAccountRef, invoiceRef: invoice.invoiceRef, orderRef: invoice.orderRef,
    lines: [{ description: 'Leather belt', quantity: 1, unitMinor: 3450, taxPercent: 20, reason: 'Damaged in transit' }],
  });
  await done('credit note', { entityType: 'CREDIT_MEMO', entityRef: memo.ref });

  // Debit note: an invoice of a debit type for charges after the first invoice.
  const debit = await createSampleBillingInvoice(fluent, {
    retailerId, ref: `DN-${suffix}`, type: 'DEBIT_NOTE', billingAccountRef: invoice.billingAccountRef, orderRef: invoice.orderRef,
    lines: [{ description: 'Express delivery upgrade', quantity: 1, unitMinor: 995, taxPercent: 20 }, { description: 'Price correction: belt', quantity: 1, unitMinor: 500, taxPercent: 20 }],
  });
  await done('debit note', { entityType: 'INVOICE', entityRef: debit.ref });

  // A home-delivery order: confirmation on creation, a receipt per payment, a shipment note per package.
  const order = await createSampleOrder(fluent, emulator.store, { retailerId, suffix: `${suffix}-HD`, payments: [{ method: 'LOYALTY_POINTS', amountMinor: 2000 }, { method: 'CARD', amountMinor: 17132, cardType: 'VISA' }] });
  const orderKey = { entityType: 'ORDER', entityId: order.orderId };
  await done('order confirmation', orderKey, 'order_confirmation');
  const card = order.payments[1]!;
  await fluent.postEvent({ name: RECEIPT_EVENT, retailerId, entityType: 'FINANCIAL_TRANSACTION', entityId: card.id, entityRef: card.ref, rootEntityType: 'ORDER', rootEntityId: order.orderId, rootEntityRef: order.orderRef, attributes: {} });
  await done('payment receipt', { entityType: 'FINANCIAL_TRANSACTION', entityId: card.id });
  const parcel = await createSampleFulfilment(fluent, order, { ref: `F-${suffix}-1`, items: [{ index: 0, quantity: 2 }, { index: 1, quantity: 1 }], tracking: { carrier: 'DHL Express', number: 'JD014600006281230704' } });
  await done('shipment note', { entityType: 'FULFILMENT', entityId: parcel.id });

  // Return confirmation: the belt again, refunded by tender (points first).
  const returned = await createSampleReturn(fluent, order, { retailerId, ref: `RET-${suffix}`, lines: [{ index: 1, quantity: 1, unitMinor: 3450, reason: 'Too small' }] });
  await done('return confirmation', { entityType: 'RETURN_ORDER', entityRef: returned.ref });

  // Per-package invoices: a cash-on-delivery order shipped in two parcels.
  const cod = await createSampleOrder(fluent, emulator.store, { retailerId, suffix: `${suffix}-COD`, type: 'COD', payments: [{ method: 'COD', amountMinor: 19132 }] });
  const first = await createSampleFulfilment(fluent, cod, { ref: `F-${suffix}-COD-1`, items: [{ index: 0, quantity: 2 }] });
  await done('package invoice 1/2', { entityType: 'FULFILMENT', entityId: first.id });
  const second = await createSampleFulfilment(fluent, cod, { ref: `F-${suffix}-COD-2`, items: [{ index: 1, quantity: 1 }] });
  await done('package invoice 2/2', { entityType: 'FULFILMENT', entityId: second.id });

  // Custom document (config/custom-documents/proforma-invoice.json), asked for by an agent's event.
  await fluent.postEvent({ name: PROFORMA_EVENT, retailerId, entityType: 'ORDER', entityId: order.orderId, entityRef: order.orderRef, rootEntityType: 'ORDER', rootEntityId: order.orderId, rootEntityRef: order.orderRef, attributes: {} });
  // A custom document reports itself as custom:<its declared name>.
  await done('pro forma (custom)', orderKey, 'custom:Pro forma invoice');
  return produced;
}
