import { z } from 'zod';
import { attributesSchema, attributeText, type Attributes } from '../core/fluent-data/fluent-types.ts';
import { PermanentError } from '../core/errors.ts';
import { parseFormatList, type EInvoiceFormat } from './formats.ts';
import { parseSchemedId, type BuyerTerms } from './terms.ts';

/**
 * Fluent attributes that carry what a business buyer needs on an e-invoice. They may sit on the
 * invoice or credit memo itself, its order, its billing account or the customer; the first of these
 * that has one wins (the most specific entity).
 */
export const BUYER_ATTRIBUTE = {
  /** Formats this buyer wants (`ubl,factur-x`, a JSON array, or `none`): overrides the retailer's. */
  formats: 'folio.einvoiceFormats',
  /** BT-49 electronic address, `SCHEME:ID` (`0088:…`, `0204:<Leitweg-ID>`, `EM:…`). */
  endpoint: 'folio.endpointId',
  /** BT-47 legal registration id, `SCHEME:ID` or the id alone. */
  legalId: 'folio.legalId',
  /** BT-10 buyer reference: the Leitweg-ID for German public buyers (XRechnung BR-DE-15). */
  reference: 'folio.buyerReference',
  /** BT-13 the buyer's purchase order number. */
  purchaseOrder: 'folio.purchaseOrder',
} as const;

const withAttributes = z.object({ attributes: attributesSchema }).passthrough().nullish();

/** The parts of any document source's loaded data that may carry buyer attributes (others are ignored). */
const loadedSchema = z
  .object({
    invoice: withAttributes.and(z.object({ billingAccount: withAttributes }).passthrough()).nullish(),
    creditMemo: withAttributes.and(z.object({ billingAccount: withAttributes }).passthrough()).nullish(),
    order: withAttributes,
    customer: withAttributes,
  })
  .passthrough();

/** Invoice-like sources load `{ kind, invoice: { invoice, customer, order } }` (fetch/load-invoice-document.ts). */
function unwrapped(loaded: unknown): unknown {
  const inner = (loaded as { invoice?: unknown } | null | undefined)?.invoice;
  return inner && typeof inner === 'object' && 'invoice' in inner ? inner : loaded;
}

/** Attribute lists in precedence order: the document entity, its order, billing account, customer. */
export function attributeSources(loaded: unknown): Attributes[] {
  const parsed = loadedSchema.safeParse(unwrapped(loaded));
  if (!parsed.success) return [];
  const data = parsed.data;
  const entity = data.invoice ?? data.creditMemo;
  return [entity?.attributes, data.order?.attributes, entity?.billingAccount?.attributes, data.customer?.attributes].filter(
    (list): list is Attributes => Array.isArray(list),
  );
}

function firstText(sources: Attributes[], name: string): string | undefined {
  for (const attributes of sources) {
    const value = attributeText(attributes, [name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The buyer's own format choice, or undefined when no attribute says. A bad value is bad data. */
export function buyerFormats(loaded: unknown): EInvoiceFormat[] | undefined {
  const text = firstText(attributeSources(loaded), BUYER_ATTRIBUTE.formats);
  if (text === undefined) return undefined;
  try {
    return parseFormatList(text);
  } catch (error) {
    throw new PermanentError(`attribute ${BUYER_ATTRIBUTE.formats}: ${(error as Error).message}`, { details: { field: BUYER_ATTRIBUTE.formats } });
  }
}

/** The buyer's e-invoice terms from Fluent attributes. */
export function buyerTerms(loaded: unknown): BuyerTerms {
  const sources = attributeSources(loaded);
  const endpointText = firstText(sources, BUYER_ATTRIBUTE.endpoint);
  const legalText = firstText(sources, BUYER_ATTRIBUTE.legalId);
  const reference = firstText(sources, BUYER_ATTRIBUTE.reference);
  const purchaseOrder = firstText(sources, BUYER_ATTRIBUTE.purchaseOrder);
  const terms: BuyerTerms = {};
  if (endpointText !== undefined) {
    const endpoint = parseSchemedId(endpointText);
    if (!endpoint.scheme) {
      throw new PermanentError(`attribute ${BUYER_ATTRIBUTE.endpoint}: expected SCHEME:ID (e.g. 0088:5790000435975), got ${endpointText}`, {
        details: { field: BUYER_ATTRIBUTE.endpoint },
      });
    }
    terms.endpoint = { scheme: endpoint.scheme, id: endpoint.id };
  }
  if (legalText !== undefined) terms.legalId = parseSchemedId(legalText);
  if (reference !== undefined) terms.reference = reference;
  if (purchaseOrder !== undefined) terms.purchaseOrder = purchaseOrder;
  return terms;
}
