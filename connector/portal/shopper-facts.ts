import { z } from 'zod';
import type { DocumentModel } from '../core/document-model.ts';
import type { DocumentFacts } from '../core/ports/document-records.ts';
import { parseContact, type PortalSecrets } from './contact.ts';

/** The address on file, sealed in the document's row: resends go there and nowhere else. */
export const sealedContactSchema = z.object({ email: z.string().optional(), phone: z.string().optional() });
export type SealedContact = z.infer<typeof sealedContactSchema>;

export interface ShopperFacts {
  emailHash: string | null;
  phoneHash: string | null;
  sealedContact: string | null;
  orderRef: string | null;
  totalMinor: number;
  currency: string;
  issuedAt: string;
  locale: string;
}

/** The order a document belongs to: its model's, or the order it was made from. */
export function orderRefOf(document: DocumentModel): string | undefined {
  const { source } = document;
  return document.orderRef ?? (source.entityType === 'ORDER' ? source.entityRef : source.rootEntityType === 'ORDER' ? source.rootEntityRef : undefined);
}

/** What the portal lists about a document, from the document model alone (pure). */
export function shopperFactsOf(document: DocumentModel, secrets: PortalSecrets): ShopperFacts {
  const email = document.buyer.email ? parseContact(document.buyer.email) : undefined;
  const phone = document.buyer.phone ? parseContact(document.buyer.phone) : undefined;
  const contact: SealedContact = {
    ...(email?.kind === 'email' && { email: email.address }),
    ...(phone?.kind === 'phone' && { phone: phone.address }),
  };
  const orderRef = orderRefOf(document);
  return {
    emailHash: email?.kind === 'email' ? secrets.hash(email) : null,
    phoneHash: phone?.kind === 'phone' ? secrets.hash(phone) : null,
    sealedContact: contact.email || contact.phone ? secrets.seal(contact) : null,
    orderRef: orderRef ?? null,
    totalMinor: document.totals.grossMinor,
    currency: document.currency,
    issuedAt: document.issueDate,
    locale: document.locale,
  };
}

/** Those facts as columns of the document's row, written by the statement that numbers it (app/document-records.ts). */
export function shopperFacts(secrets: PortalSecrets): (document: DocumentModel) => DocumentFacts {
  return (document) => {
    const facts = shopperFactsOf(document, secrets);
    const text = (value: string | null) => ({ type: 'text', value }) as const;
    return {
      shopper_email_hash: text(facts.emailHash),
      shopper_phone_hash: text(facts.phoneHash),
      shopper_contact_sealed: text(facts.sealedContact),
      order_ref: text(facts.orderRef),
      total_minor: { type: 'bigint', value: facts.totalMinor },
      currency: text(facts.currency),
      issued_at: { type: 'timestamptz', value: facts.issuedAt },
      locale: text(facts.locale),
    };
  };
}
