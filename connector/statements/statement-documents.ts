import { finalizeDocument } from '../compose/finalize.ts';
import { priceLines, pricedContent, type DraftLine } from '../compose/lines.ts';
import { compact } from '../compose/party.ts';
import type { DocumentModel, Party } from '../core/document-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { Payout, Statement, StatementEntry } from '../core/statement-model.ts';
import { formatTaxRate } from '../render/tax-rate.ts';
import { languageOf, translator } from '../render/locales.ts';
import type { Seller } from '../sellers/seller.ts';
import { commissionTaxTreatment, type CommissionVatStatus } from '../sellers/vat-treatment.ts';
import type { Cycle } from './cycle.ts';

/**
 * A seller's two documents for a cycle, from its closed statement (pure): the commission invoice from
 * the marketplace to the seller (art. 226 VAT Directive: supplier and customer with VAT ids, period of
 * supply, each commission group with its rate, VAT per rate, reverse charge stated where it applies),
 * and the statement of every order, refund and adjustment with the payout.
 *
 * Commission rates and the subscription fee are what the seller pays, VAT included where VAT is
 * charged (the invoice is priced tax-inclusive and shows the VAT contained), so the invoice total is
 * exactly commissions − reversals + subscription, the terms the payout deducts.
 */
export interface StatementDocumentsInput {
  /** The marketplace operator: the supplier of the commission invoice (FOLIO_SELLER). */
  marketplace: Party;
  origin: { accountId: string; retailerId: string };
  seller: Seller;
  cycle: Cycle;
  entries: readonly StatementEntry[];
  payout: Payout;
  vatStatus: CommissionVatStatus;
  /** The marketplace's VAT rate on its services at home, in basis points. */
  standardRateBp: number;
}

export const COMMISSION_INVOICE = 'commission_invoice';
export const SELLER_STATEMENT = 'seller_statement';

/** The seller as the customer of the invoice and the addressee of the statement. */
function sellerParty(seller: Seller): Party {
  return compact({ name: seller.legalName, vatId: seller.vatId, email: seller.email, address: seller.address });
}

function withoutVatId({ vatId: _vatId, ...party }: Party): Party {
  return party;
}

function statementBlock(input: StatementDocumentsInput, withEntries: boolean, invoiceNumber?: string): Statement {
  return compact({
    sellerRef: input.seller.ref,
    cycle: { id: input.cycle.id, start: input.cycle.start.toISOString(), end: input.cycle.end.toISOString(), through: new Date(input.cycle.end.getTime() - 1).toISOString() },
    entries: withEntries ? [...input.entries] : [],
    payout: input.payout,
    companyRegistrationNumber: input.seller.companyRegistrationNumber,
    vatStatus: input.vatStatus,
    commissionInvoiceNumber: invoiceNumber,
  });
}

function header(input: StatementDocumentsInput, kind: string) {
  return {
    source: { accountId: input.origin.accountId, retailerId: input.origin.retailerId, entityType: 'SELLER', entityRef: input.seller.ref, rootEntityType: kind, rootEntityRef: input.cycle.id },
    // Issued when the cycle closes: the same instant on every rerun, so the documents are reproducible.
    issueDate: input.cycle.end.toISOString(),
    timeZone: input.seller.billingCycle.timeZone,
    locale: input.seller.locale,
    currency: input.seller.payoutCurrency,
  };
}

interface CommissionGroup {
  key: string;
  what: string;
  rateBp: number;
  sign: 1 | -1;
  amountMinor: number;
}

/** Commission per (rate, category, channel, base), sales and reversals apart, in first-seen order. */
function commissionGroups(entries: readonly StatementEntry[], t: (key: string, values?: Record<string, string | number>) => string): CommissionGroup[] {
  const groups = new Map<string, CommissionGroup>();
  for (const entry of entries) {
    if (entry.kind === 'adjustment') continue;
    const sign = entry.kind === 'sale' ? 1 : -1;
    for (const part of entry.commissions) {
      const scope = [part.on === 'shipping' ? t('statement.shipping') : part.category, part.channel].filter(Boolean).join(' · ') || t('statement.allSales');
      const key = `${sign}|${part.rateBp}|${part.on}|${part.category ?? ''}|${part.channel ?? ''}`;
      const group = groups.get(key) ?? { key, what: scope, rateBp: part.rateBp, sign, amountMinor: 0 };
      group.amountMinor += part.commissionMinor;
      groups.set(key, group);
    }
  }
  return [...groups.values()].filter((g) => g.amountMinor !== 0);
}

/** The commission invoice, or undefined when the cycle charges nothing (no commission, no subscription). */
export function buildCommissionInvoice(input: StatementDocumentsInput, statementNumber?: string): DocumentModel | undefined {
  const { seller, payout } = input;
  const lang = languageOf(seller.locale);
  const t = translator(lang);
  const legal = commissionTaxTreatment(input.vatStatus, input.standardRateBp);
  // The reason no VAT is charged, in the seller's language (art. 226(11), (11a)).
  const treatment = legal.exemptionReason ? { ...legal, exemptionReason: t(`statement.vat.${input.vatStatus}`) } : legal;
  const line = (ref: string, description: string, amountMinor: number): DraftLine => ({ ref, description, quantity: 1, unitAmountMinor: amountMinor, amountMinor, treatment, kind: 'fee' });
  const drafts: DraftLine[] = commissionGroups(input.entries, t).map((group, index) =>
    line(`C${index + 1}`, t(group.sign === 1 ? 'statement.line.commission' : 'statement.line.reversal', { rate: formatTaxRate(group.rateBp, seller.locale), what: group.what }), group.sign * group.amountMinor),
  );
  if (payout.subscriptionMinor !== 0) drafts.push(line('SUBSCRIPTION', t('statement.line.subscription', { cycle: input.cycle.id }), payout.subscriptionMinor));
  if (drafts.length === 0) return undefined;
  // Priced as paid (VAT included) where VAT is charged; with none, inclusive and exclusive are the same amounts.
  const mode = treatment.rateBp > 0 ? 'tax_inclusive' : 'tax_exclusive';
  const priced = priceLines(drafts, mode);
  const charged = payout.commissionsMinor - payout.reversalsMinor + payout.subscriptionMinor;
  if (priced.totals.grossMinor !== charged) {
    throw new Error(`commission invoice total ${priced.totals.grossMinor} is not commissions − reversals + subscription ${charged} (minor units)`);
  }
  return finalizeDocument({
    type: 'invoice',
    ...header(input, COMMISSION_INVOICE),
    // Art. 226(7): the services were supplied over the cycle; its last day is the date of supply.
    supplyDate: new Date(input.cycle.end.getTime() - 1).toISOString(),
    // Outside the scope of VAT (EN 16931 BR-O-02, BR-O-03): an invoice without VAT carries no VAT ids.
    seller: input.vatStatus === 'outside_scope' ? withoutVatId(input.marketplace) : input.marketplace,
    buyer: input.vatStatus === 'outside_scope' ? withoutVatId(sellerParty(seller)) : sellerParty(seller),
    references: [],
    ...pricedContent(priced, mode),
    // The reason for no VAT is stated once, in the VAT breakdown (EN 16931 BT-120), not on every line.
    lines: priced.lines.map(({ taxExemptionReason: _reason, ...line }) => line),
    notes: [],
    statement: { ...statementBlock(input, false), ...(statementNumber && { statementNumber }) },
  });
}

/** The statement: every entry of the cycle and the payout computation, naming the commission invoice. */
export function buildSellerStatement(input: StatementDocumentsInput, commissionInvoiceNumber?: string): DocumentModel {
  if (input.payout.payoutMinor !== input.entries.reduce((sum, e) => sum + e.amountMinor, 0) - input.payout.subscriptionMinor) {
    throw new PermanentError(`statement of ${input.seller.ref} for ${input.cycle.id}: the payout does not reconcile with its entries`);
  }
  return finalizeDocument({
    type: 'custom',
    customName: SELLER_STATEMENT,
    ...header(input, SELLER_STATEMENT),
    seller: input.marketplace,
    buyer: sellerParty(input.seller),
    references: [],
    lines: [],
    taxSummary: [],
    totals: { netMinor: input.payout.payoutMinor, taxMinor: 0, grossMinor: input.payout.payoutMinor },
    notes: [],
    statement: statementBlock(input, true, commissionInvoiceNumber),
  });
}
