import { describe, expect, it } from 'vitest';
import { buildCustomDocument, customDocumentConfigSchema, resolvePath } from '../../connector/compose/custom-document.ts';
import { context } from './fixtures/context.ts';
import { orderResult } from './fixtures/order.ts';
import { expectPermanent } from './support/errors.ts';

/** A pro-forma invoice declared purely in configuration, from the ORDER_QUERY result. */
const config = customDocumentConfigSchema.parse({
  name: 'pro_forma',
  trigger: { entityType: 'ORDER', event: 'FolioProForma' },
  queryFile: 'custom/pro-forma.graphql',
  template: 'pro-forma',
  mapping: {
    entityRef: 'order.ref',
    entityId: 'order.id',
    issueDate: 'order.createdOn',
    currency: '=EUR',
    orderRef: 'order.ref',
    buyer: { name: ['order.customer.companyName', 'order.fulfilmentChoice.deliveryAddress.name'], email: 'order.customer.primaryEmail', address: 'order.fulfilmentChoice.deliveryAddress' },
    lines: { from: 'order.items', ref: 'ref', description: 'product.name', quantity: 'quantity', money: 'decimal', unitPrice: 'price', amount: 'totalPrice', tax: 'totalTaxPrice', taxType: 'product.tax' },
    references: [{ label: 'Customer', path: 'order.customer.ref' }],
  },
});

describe('custom documents', () => {
  const doc = buildCustomDocument(config, { order: orderResult }, context);

  it('maps a query result into the model by the declared mapping', () => {
    expect(doc.type).toBe('custom');
    expect(doc.customName).toBe('pro_forma');
    expect(doc.source).toMatchObject({ entityType: 'ORDER', entityRef: 'HD_387_56', entityId: '3786' });
    expect(doc.buyer).toMatchObject({ name: 'Camille Martin', email: 'camille@example.fr', address: { city: 'Lyon' } });
    expect(doc.references).toEqual([{ label: 'Customer', value: 'CUST-42' }]);
  });

  it('prices the mapped lines with the same tax engine', () => {
    expect(doc.lines.map((l) => [l.ref, l.netMinor, l.taxMinor])).toEqual([['OI-1', 7990, 1598], ['OI-2', 1999, 400], ['OI-3', 2911, 582]]);
    expect(doc.totals).toEqual({ netMinor: 12900, taxMinor: 2580, grossMinor: 15480 });
  });

  it('reads connections as their nodes', () => {
    expect(resolvePath({ order: orderResult }, 'order.items.product.name')).toEqual(['Linen shirt', 'Canvas tote', 'Espadrilles']);
  });

  it('fails with the path when a mapped value is missing', () => {
    const broken = customDocumentConfigSchema.parse({ ...config, mapping: { ...config.mapping, entityRef: 'order.nope' } });
    expectPermanent(() => buildCustomDocument(broken, { order: orderResult }, context), 'custom document pro_forma: nothing at order.nope');
  });

  it('rejects a configuration without a trigger', () => {
    expect(customDocumentConfigSchema.safeParse({ ...config, trigger: undefined }).success).toBe(false);
  });
});
