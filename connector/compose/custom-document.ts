import { z } from 'zod';
import { taxTypeSchema, type AmountType } from '../core/fluent-data/fluent-types.ts';
import { PermanentError } from '../core/errors.ts';
import { priceModeSchema, type DocumentContext } from './context.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { checkedQuantity, extend, priceLines, type DraftLine } from './lines.ts';
import { amountToMinor, currencyCode, floatToMinor, taxTreatment, taxTreatmentFromText } from './money.ts';
import { buyerFrom } from './party.ts';

/**
 * Custom documents are declared, not coded: a name, the entity and event that trigger it, a GraphQL
 * query file, a template, and a mapping from the query result into the document model. Paths are
 * dot-separated (`order.customer.firstName`); a Relay connection on the way is read as its nodes, so
 * `order.items` means the item nodes. The same money and tax engine prices the lines.
 */

const path = z.string().min(1);

export const customDocumentConfigSchema = z.object({
  name: z.string().min(1),
  trigger: z.object({ entityType: z.string().min(1), event: z.string().min(1) }),
  /** Path of the .graphql file, relative to the configuration; loading it is the caller's I/O. */
  queryFile: z.string().min(1),
  template: z.string().min(1),
  priceMode: priceModeSchema.default('tax_exclusive'),
  mapping: z.object({
    entityRef: path,
    entityId: path.optional(),
    issueDate: path,
    /** A path, or a fixed ISO code prefixed with "=" (e.g. "=EUR"). */
    currency: path,
    orderRef: path.optional(),
    buyer: z.object({
      /** Tried in order; the first non-empty wins. */
      name: z.array(path).min(1),
      email: path.optional(),
      phone: path.optional(),
      address: path.optional(),
    }),
    lines: z
      .object({
        from: path,
        ref: path,
        description: path,
        quantity: path,
        /** How money is encoded at these paths: Fluent AmountType objects or plain decimals. */
        money: z.enum(['amountType', 'decimal']).default('amountType'),
        unitPrice: path.optional(),
        amount: path.optional(),
        tax: path.optional(),
        /** A TaxType object, or with taxTypeText a string such as "VAT20". */
        taxType: path,
        taxTypeText: z.boolean().default(false),
        reason: path.optional(),
      })
      .optional(),
    references: z.array(z.object({ label: z.string(), path })).default([]),
  }),
});
export type CustomDocumentConfig = z.output<typeof customDocumentConfigSchema>;

/** Resolves a dot path; connections become their node lists, lists map the rest of the path. */
export function resolvePath(root: unknown, dotted: string): unknown {
  let value: unknown = root;
  for (const key of dotted.split('.')) {
    value = unwrap(value);
    if (Array.isArray(value)) value = value.map((v) => (v && typeof v === 'object' ? (unwrap(v) as Record<string, unknown>)[key] : undefined));
    else value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return unwrap(value);
}

function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'edges' in value) {
    const edges = (value as { edges?: unknown }).edges;
    return Array.isArray(edges) ? edges.map((e) => (e as { node?: unknown } | null)?.node).filter((n) => n != null) : [];
  }
  return value;
}

function text(root: unknown, at: string | undefined): string | undefined {
  if (!at) return undefined;
  const value = at.startsWith('=') ? at.slice(1) : resolvePath(root, at);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function required(root: unknown, at: string, owner: string): string {
  const value = text(root, at);
  if (value === undefined || value.trim() === '') throw new PermanentError(`${owner}: nothing at ${at}`, { details: { step: 'build', field: at } });
  return value;
}

function money(value: unknown, encoding: 'amountType' | 'decimal', currency: string, what: string): number | undefined {
  if (value == null) return undefined;
  if (encoding === 'amountType') return amountToMinor(value as AmountType, currency, what);
  if (typeof value === 'number') return floatToMinor(value, currency, what);
  if (typeof value === 'string') return floatToMinor(Number(value), currency, what);
  throw new PermanentError(`${what}: not a decimal`);
}

function customLines(config: CustomDocumentConfig, result: unknown, currency: string, owner: string): DraftLine[] {
  const map = config.mapping.lines;
  if (!map) return [];
  const rows = resolvePath(result, map.from);
  if (!Array.isArray(rows)) throw new PermanentError(`${owner}: ${map.from} is not a list`);
  return rows.map((row, index): DraftLine => {
    const what = `${owner} line ${index + 1}`;
    const quantity = checkedQuantity(Number(resolvePath(row, map.quantity)), what);
    const unit = map.unitPrice ? money(resolvePath(row, map.unitPrice), map.money, currency, `${what} unit price`) : undefined;
    const amount = (map.amount ? money(resolvePath(row, map.amount), map.money, currency, `${what} amount`) : undefined) ?? (unit !== undefined ? extend(quantity, unit) : undefined);
    if (amount === undefined) throw new PermanentError(`${what}: no amount and no unit price`);
    const rawTax = resolvePath(row, map.taxType);
    if (rawTax == null) throw new PermanentError(`${what}: missing tax type`);
    const parsedTax = taxTypeSchema.safeParse(rawTax);
    if (!map.taxTypeText && !parsedTax.success) throw new PermanentError(`${what}: ${map.taxType} is not a TaxType`);
    const treatment = parsedTax.success ? taxTreatment(parsedTax.data) : taxTreatmentFromText(String(rawTax));
    return {
      ref: required(row, map.ref, what),
      description: required(row, map.description, what),
      quantity,
      unitAmountMinor: unit ?? amount,
      amountMinor: amount,
      treatment,
      sourceTaxMinor: map.tax ? money(resolvePath(row, map.tax), map.money, currency, `${what} tax`) : undefined,
      reason: text(row, map.reason),
    };
  });
}

export function buildCustomDocument(config: CustomDocumentConfig, result: unknown, context: DocumentContext): DocumentModel {
  const owner = `custom document ${config.name}`;
  const m = config.mapping;
  const currency = currencyCode(text(result, m.currency));
  const priced = priceLines(customLines(config, result, currency, owner), config.priceMode);
  const addressValue = m.buyer.address ? resolvePath(result, m.buyer.address) : undefined;
  const buyer = buyerFrom({
    names: m.buyer.name.map((n) => text(result, n)),
    email: text(result, m.buyer.email),
    phone: text(result, m.buyer.phone),
    address: addressValue && typeof addressValue === 'object' ? (addressValue as Record<string, string>) : undefined,
  });
  if (!buyer) throw new PermanentError(`${owner}: no buyer name at ${m.buyer.name.join(', ')}`);
  const orderRef = text(result, m.orderRef);
  return finalizeDocument({
    type: 'custom',
    customName: config.name,
    ...documentHeader(context, {
      entity: { type: config.trigger.entityType, ref: required(result, m.entityRef, owner), id: text(result, m.entityId) },
      issueDate: zonedIso(text(result, m.issueDate), `${owner} issueDate`),
      currency,
      buyer,
      orderRef,
    }),
    references: m.references.flatMap(({ label, path: at }) => {
      const value = text(result, at);
      return value ? [{ label, value }] : [];
    }),
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: priced.totals,
    notes: [],
    priceMode: config.priceMode,
  });
}

