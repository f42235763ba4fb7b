import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import type { CreatedOrder } from './sample-order.ts';

/** A return of some of an order's items, with a reason each, as the retailer's returns portal would create it. */
const amount = (minor: number) => ({ amount: minor / 100, scale: 2, unscaledValue: minor });

export interface SampleReturnLine {
  index: number;
  quantity: number;
  unitMinor: number;
  reason: string;
}

export async function createSampleReturn(fluent: FluentClient, order: CreatedOrder, options: { retailerId: string; ref: string; lines: SampleReturnLine[]; currency?: string }): Promise<{ ref: string; totalMinor: number }> {
  const retailer = { id: options.retailerId };
  const rows = options.lines.map((line, i) => {
    const item = order.items[line.index]!;
    const net = line.unitMinor * line.quantity;
    const tax = Math.round(net * 0.2);
    return {
      input: {
        ref: `${options.ref}-${i + 1}`,
        type: 'DEFAULT',
        product: { ref: item.sku, catalogue: { ref: 'DEFAULT' } },
        orderItem: { ref: item.ref, order: { ref: order.orderRef, retailer } },
        returnReason: { value: line.reason.toUpperCase().replace(/\W+/g, '_'), label: line.reason },
        unitQuantity: { quantity: line.quantity, unit: 'EA' },
        unitAmount: amount(line.unitMinor),
        unitTaxType: { country: 'GB', group: 'VAT', tariff: '20' },
        itemAmount: amount(net),
        itemTaxAmount: amount(tax),
      },
      net,
      tax,
    };
  });
  const net = rows.reduce((s, r) => s + r.net, 0);
  const tax = rows.reduce((s, r) => s + r.tax, 0);
  await fluent.graphql(`mutation($input: CreateReturnOrderInput) { createReturnOrder(input: $input) { ref } }`, {
    input: {
      ref: options.ref,
      retailer,
      type: 'DEFAULT',
      customer: { ref: order.customerRef },
      order: { ref: order.orderRef, retailer },
      currency: { alphabeticCode: options.currency ?? 'GBP' },
      defaultTaxType: { country: 'GB', group: 'VAT', tariff: '20' },
      subTotalAmount: amount(net),
      totalTax: amount(tax),
      totalAmount: amount(net + tax),
      returnOrderItems: rows.map((r) => r.input),
    },
  });
  return { ref: options.ref, totalMinor: net + tax };
}
