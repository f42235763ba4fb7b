import type { DocumentContext } from './context.ts';
import type { DocumentModelInput, Party } from '../core/document-model.ts';
import { compact } from './party.ts';

/** What a builder knows of the document's identity; the rest of the header comes from the context. */
export interface DocumentHeaderFacts {
  /** The Fluent entity the document is about. */
  entity: { type: string; ref: string; id?: string | undefined };
  /** The root entity when the event names none (the event's own root wins). */
  root?: { type?: string | undefined; ref?: string | null | undefined };
  /** Zoned ISO date-time (dates.ts). */
  issueDate: string;
  currency: string;
  buyer: Party;
  orderRef?: string | undefined;
}

type DocumentHeader = Pick<DocumentModelInput, 'source' | 'issueDate' | 'timeZone' | 'locale' | 'currency' | 'seller' | 'buyer' | 'orderRef'>;

/**
 * The block every document starts with: where it came from (account, retailer, entity, root), when,
 * in which currency and language, and between whom. One place, so every type fills it the same way.
 */
export function documentHeader(context: DocumentContext, facts: DocumentHeaderFacts): DocumentHeader {
  const { origin } = context;
  return {
    source: compact({
      accountId: origin.accountId,
      retailerId: origin.retailerId,
      entityType: facts.entity.type,
      entityRef: facts.entity.ref,
      entityId: facts.entity.id,
      rootEntityType: origin.rootEntityType ?? facts.root?.type,
      rootEntityRef: origin.rootEntityRef ?? facts.root?.ref ?? undefined,
    }),
    issueDate: facts.issueDate,
    timeZone: context.timeZone,
    locale: context.locale,
    currency: facts.currency,
    seller: context.seller,
    buyer: facts.buyer,
    orderRef: facts.orderRef,
  };
}
