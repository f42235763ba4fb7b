import { describe, expect, it } from 'vitest';
import { refundPlanReport, reporterWithRefundPlans, rememberRefundPlan } from '../../connector/app/refund-plan-reports.ts';
import { plannedRefundOf } from '../../connector/compose/refund-plan.ts';
import { refundPolicySchema } from '../../connector/compose/refunds.ts';
import type { OrderNode } from '../../connector/core/fluent-data/order.ts';
import type { DocumentReporter, GeneratedDocument } from '../../connector/core/ports/document-reporter.ts';
import type { EventApiRequest } from '../../connector/fluent/event-model.ts';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { fluentReporter } from '../../connector/report/fluent-reporter.ts';
import { amount } from '../compose/fixtures/context.ts';
import { orderResult } from '../compose/fixtures/order.ts';

/**
 * The fixture order: 154.80 of goods and 7.08 of shipping, paid 151.88 by card and 10.00 in points.
 * A credit of 47.94 of goods gets its shipping share by FOLIO_REFUND_POLICY.shipping.
 */
const credit = { ref: 'CM-1', currency: { alphabeticCode: 'EUR' }, totalAmount: amount('47.94') };
const policy = (shipping: string, codFee = 'proportional') => refundPolicySchema.parse({ shipping, codFee });

function withRefund(order: OrderNode, total: number, method = 'CREDIT_CARD'): OrderNode {
  const edges = [...(order.financialTransactions?.edges ?? []), { node: { id: '9100', ref: 'FT-9100', type: 'REFUND', status: 'COMPLETE', createdOn: '2024-04-09T10:00:00.000Z', total, currency: 'EUR', paymentMethod: method, cardType: null } }];
  return { ...order, financialTransactions: { ...order.financialTransactions, edges } };
}

describe('refund plan under the shipping policy', () => {
  it('adds all, none or the credited goods\' share of the shipping', () => {
    const plan = (shipping: string) => plannedRefundOf(credit, 'credit memo', orderResult, { policy: policy(shipping) })!;
    expect(plan('full')).toMatchObject({ itemsMinor: 4794, shippingMinor: 708, totalMinor: 5502 });
    expect(plan('none')).toMatchObject({ itemsMinor: 4794, shippingMinor: 0, totalMinor: 4794 });
    // round(708 × 4794 / 15480) = 219
    expect(plan('proportional')).toMatchObject({ shippingMinor: 219, totalMinor: 5013 });
    for (const name of ['full', 'none', 'proportional']) expect(plan(name).allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(plan(name).totalMinor);
  });

  it('gives full shipping back once: an earlier refund under the same policy already took it', () => {
    const earlier = withRefund(orderResult, 55.02);
    expect(plannedRefundOf(credit, 'credit memo', earlier, { policy: policy('full') })).toMatchObject({ shippingMinor: 0, totalMinor: 4794 });
    // Proportional: the earlier 47.94 + 2.19 counted as goods 47.94, so this one's share is the next slice.
    const proportional = plannedRefundOf(credit, 'credit memo', withRefund(orderResult, 50.13), { policy: policy('proportional') })!;
    expect(proportional.shippingMinor).toBe(Math.round((708 * 9588) / 15480) - 219);
  });

  it('refunds shipping a credit memo credits itself as credited, not by the policy', () => {
    const plan = plannedRefundOf({ ...credit, totalAmount: amount('50.00') }, 'credit memo', orderResult, { policy: policy('full'), parts: { shippingMinor: 206 } })!;
    expect(plan).toMatchObject({ itemsMinor: 4794, shippingMinor: 206, totalMinor: 5000 });
  });

  it('adds the COD fee only for an order paid cash on delivery', () => {
    const cod = { ...orderResult, financialTransactions: { edges: [{ node: { id: '1', ref: 'FT-COD', type: 'PAYMENT', status: 'PAID', createdOn: null, total: 164.88, currency: 'EUR', paymentMethod: 'COD', cardType: null } }] } } as OrderNode;
    const plan = plannedRefundOf(credit, 'credit memo', cod, { policy: policy('none', 'full'), codFeeMinor: 300 })!;
    expect(plan).toMatchObject({ codFeeMinor: 300, totalMinor: 5094, allocations: [{ tender: 'COD', method: 'BANK_TRANSFER', amountMinor: 5094, ref: 'FT-COD' }] });
    expect(plannedRefundOf(credit, 'credit memo', orderResult, { policy: policy('none', 'full'), codFeeMinor: 300 })!.codFeeMinor).toBe(0);
  });
});

describe('refund plan in the report to Fluent', () => {
  const event = fluentEventSchema.parse({ id: 'e-1', name: 'FolioDocumentRequested', accountId: 'ACME', retailerId: '1', entityType: 'CREDIT_MEMO', entityRef: 'CM-1' });
  const generated: GeneratedDocument = { documentType: 'credit_note', number: 'CN-1', viewUrl: 'v', downloadUrl: 'd', fileName: 'CN-1.pdf', storage: { provider: 'local', path: 'p' }, sha256: 'a'.repeat(64), generatedOn: '2026-01-01T00:00:00.000Z' };

  it('rides on the generated event of the same request as a JSON object, amounts as minor units and decimals', async () => {
    const posted: EventApiRequest[] = [];
    const reporter: DocumentReporter = reporterWithRefundPlans(fluentReporter({ graphql: async () => ({}) as never, postEvent: async (request) => (posted.push(request), {}) }));
    const plan = plannedRefundOf(credit, 'credit memo', orderResult, { policy: policy('none') })!;
    rememberRefundPlan(event, plan);
    await reporter.generated(event, generated);
    // Another request (another event object) carries none.
    await reporter.generated(fluentEventSchema.parse({ ...event, id: 'e-2' }), generated);
    expect(posted[0]!.attributes![ATTRIBUTE.refundPlan]).toEqual({
      currency: 'EUR', totalMinor: 4794, itemsMinor: 4794, shippingMinor: 0, codFeeMinor: 0, policy: { shipping: 'none', codFee: 'proportional' },
      allocations: [
        { tender: 'LOYALTY_POINTS', method: 'LOYALTY_POINTS', amountMinor: 1000, amount: '10.00', ref: 'FT-9002' },
        { tender: 'CREDIT_CARD', method: 'CREDIT_CARD', amountMinor: 3794, amount: '37.94', ref: 'FT-9001' },
      ],
    });
    expect(posted[1]!.attributes![ATTRIBUTE.refundPlan]).toBeUndefined();
    expect(refundPlanReport({ ...plan, currency: 'JPY', allocations: [{ tender: 'CARD', method: 'CARD', amountMinor: 1200 }] }).allocations[0]!.amount).toBe('1200');
  });
});
