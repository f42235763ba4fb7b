import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { addPayments, createSampleCreditMemo } from '../../scripts/demo/sample-billing.ts';
import { entityAttributes, waitForDocument } from '../../scripts/demo/sample-documents.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * The refund plan back to Fluent, end to end: an order paid cash on delivery (its goods plus a 3.00
 * COD fee, FOLIO_PACKAGE_INVOICE_CONFIG) gets a credit memo for one returned item (41.40). The credit
 * note's refund by tender goes onto the credit memo as the JSON attribute folioRefundPlan, through the
 * rule plugin's allow-list, and is printed on the credit note. FOLIO_REFUND_POLICY's codFee decides
 * how much of the fee goes back with it: all of it, none, or the returned goods' share.
 */
const COD_FEE = 300;
const RETURNED = 3450 + 690;

describe('the refund plan on the credit memo, under each COD-fee policy', () => {
  let loop: Loop | undefined;
  afterEach(async () => {
    await loop?.close();
    loop = undefined;
  });

  for (const policy of ['full', 'none', 'proportional'] as const) {
    it(`codFee "${policy}"`, async () => {
      loop = await startLoop({
        FOLIO_REFUND_POLICY: JSON.stringify({ codFee: policy }),
        FOLIO_PACKAGE_INVOICE_CONFIG: JSON.stringify({ codFeePerPackageMinor: COD_FEE }),
      });
      const suffix = `RP-${policy.toUpperCase()}`;
      const invoice = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix });
      await addPayments(loop.fluent, invoice.orderRef, 'GBP', [{ method: 'COD', amountMinor: invoice.totalMinor + COD_FEE }], suffix);
      const memo = await createSampleCreditMemo(loop.fluent, {
        retailerId: loop.emulator.retailerId, ref: `CM-${suffix}`, billingAccountRef: invoice.billingAccountRef, invoiceRef: invoice.invoiceRef, orderRef: invoice.orderRef,
        lines: [{ description: 'Leather belt', quantity: 1, unitMinor: 3450, taxPercent: 20, reason: 'Changed mind' }],
      });
      expect(memo.totalMinor).toBe(RETURNED);
      const reply = await waitForDocument(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref });
      expect(reply, reply.failureReason).toMatchObject({ outcome: 'generated', documentType: 'credit_note' });

      // The fee back: all of it, none, or the returned goods' share of the goods the order charged.
      const fee = { full: COD_FEE, none: 0, proportional: Math.round((COD_FEE * RETURNED) / invoice.totalMinor) }[policy];
      const total = RETURNED + fee;
      const attributes = entityAttributes(loop.emulator, { entityType: 'CREDIT_MEMO', entityRef: memo.ref });
      expect(attributes[ATTRIBUTE.refundPlan]).toEqual({
        currency: 'GBP', totalMinor: total, itemsMinor: RETURNED, shippingMinor: 0, codFeeMinor: fee,
        policy: { shipping: 'proportional', codFee: policy },
        // Cash on delivery goes back by bank transfer.
        allocations: [{ tender: 'COD', method: 'BANK_TRANSFER', amountMinor: total, amount: (total / 100).toFixed(2), ref: `PAY-${suffix}-1` }],
      });
      // Written as a JSON attribute by the rule plugin's allow-list, like folioStorage.
      const row = loop.emulator.store.byRef('CreditMemo', memo.ref)!;
      expect((row.attributes as { name: string; type: string }[]).find((a) => a.name === ATTRIBUTE.refundPlan)?.type).toBe('JSON');
      // And still printed on the credit note.
      const text = pdfText(readFileSync((attributes[ATTRIBUTE.storage] as { path: string }).path));
      expect(text).toMatch(new RegExp(`BANK_TRANSFER\\s+PAY-${suffix}-1\\s+£${(total / 100).toFixed(2)}`));
    }, 90_000);
  }
});
