import { z } from 'zod';
import type { Party } from '../core/document-model.ts';
import type { ShopperContact } from '../core/ports/document-delivery.ts';
import { shopperFromFluent } from './channel-plan.ts';

const attributes = z.array(z.object({ name: z.string(), value: z.unknown() }).loose().nullish()).nullish();
const fluentPeople = z
  .object({
    customer: z.object({ firstName: z.string().nullish(), primaryEmail: z.string().nullish(), primaryPhone: z.string().nullish(), attributes }).loose().nullish(),
    order: z.object({ attributes }).loose().nullish(),
  })
  .loose();

/**
 * Who receives the document and how they like it: the document's buyer block, refined by what Fluent
 * knows of the shopper (customer contact; preferredChannel, whatsapp number and language attributes on
 * the order or customer) when the loaded data carries a customer or an order.
 */
export function shopperContact(buyer: Party, loaded: unknown): ShopperContact {
  const fromBuyer: ShopperContact = {
    ...(buyer.email && { email: buyer.email }),
    ...(buyer.phone && { phone: buyer.phone }),
    ...(buyer.name && { firstName: buyer.name.split(/\s+/)[0] }),
  };
  const people = fluentPeople.safeParse(withPeople(loaded));
  if (!people.success) return fromBuyer;
  const clean = (list: z.infer<typeof attributes>) => (list ?? []).flatMap((a) => (a ? [{ name: a.name, value: a.value }] : []));
  const { customer, order } = people.data;
  const fromFluent = shopperFromFluent({
    customer: customer ? { ...customer, attributes: clean(customer.attributes) } : null,
    order: order ? { attributes: clean(order.attributes) } : null,
  });
  return { ...fromBuyer, ...fromFluent };
}

/** Loaders wrap their data differently ({invoice, customer, order} or {kind, invoice: {…}}): look one level down. */
function withPeople(loaded: unknown): unknown {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  if (!isRecord(loaded)) return undefined;
  if ('customer' in loaded || 'order' in loaded) return loaded;
  return Object.values(loaded).find((value) => isRecord(value) && ('customer' in value || 'order' in value));
}
