import { describe, expect, it } from 'vitest';
import { checkFormat } from '../../connector/einvoice/einvoice-issuer.ts';
import { sellerTermsSchema } from '../../connector/einvoice/terms.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { commissionVatStatus } from '../../connector/sellers/vat-treatment.ts';
import { cycleOf } from '../../connector/statements/cycle.ts';
import { statementOf } from '../../connector/statements/ledger.ts';
import { buildCommissionInvoice, buildSellerStatement, type StatementDocumentsInput } from '../../connector/statements/statement-documents.ts';
import { STATEMENT_TEMPLATES } from '../../connector/statements/run-cycle.ts';
import { MARKETPLACE, SELLERS, sampleActivities } from './fixtures.ts';

function inputFor(index: number): StatementDocumentsInput {
  const seller = SELLERS[index]!;
  const cycle = cycleOf(seller.billingCycle, '2026-11');
  const { entries, payout } = statementOf(seller, cycle, sampleActivities(seller.ref), new Set());
  return { marketplace: MARKETPLACE, origin: { accountId: 'ACME', retailerId: '1' }, seller, cycle, entries, payout, vatStatus: commissionVatStatus(seller, 'IE'), standardRateBp: 2300 };
}

describe('commission invoice', () => {
  it('charges a seller in another EU country under reverse charge, with both VAT ids', () => {
    const input = inputFor(0);
    expect(input.vatStatus).toBe('reverse_charge');
    const invoice = buildCommissionInvoice(input, 'ST-IE2026-000001')!;
    expect(invoice.seller.vatId).toBe('IE6388047V');
    expect(invoice.buyer.vatId).toBe('DE811907980');
    expect(invoice.taxSummary).toEqual([expect.objectContaining({ taxCategory: 'AE', taxRateBp: 0, taxMinor: 0, exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).' })]);
    expect(invoice.totals.grossMinor).toBe(input.payout.commissionsMinor - input.payout.reversalsMinor + input.payout.subscriptionMinor);
    expect(invoice.supplyDate).toBe('2026-11-30T22:59:59.999Z');
    // In the seller's language; Intl puts a (narrow) no-break space before the per cent sign.
    expect(invoice.lines.some((l) => /^Provision 10\s%\sstorniert \(Erstattungen\) · fashion · web$/.test(l.description) && l.netMinor < 0)).toBe(true);
  });

  it('charges a seller at home the marketplace VAT contained in the amounts, and one outside the EU none', () => {
    const domestic = buildCommissionInvoice(inputFor(1))!;
    expect(domestic.priceMode).toBe('tax_inclusive');
    expect(domestic.taxSummary).toEqual([expect.objectContaining({ taxCategory: 'S', taxRateBp: 2300 })]);
    const gross = inputFor(1).payout;
    expect(domestic.totals.grossMinor).toBe(gross.commissionsMinor - gross.reversalsMinor + gross.subscriptionMinor);
    const outside = buildCommissionInvoice(inputFor(2))!;
    expect(outside.taxSummary.map((r) => r.taxCategory)).toEqual(['O']);
  });

  it('is not issued when the cycle charges nothing', () => {
    const input = inputFor(0);
    const empty = { ...input, entries: [], payout: { ...input.payout, commissionsMinor: 0, reversalsMinor: 0, subscriptionMinor: 0 } };
    expect(buildCommissionInvoice(empty)).toBeUndefined();
  });
});

describe('commission invoice as an e-invoice', () => {
  // The e-invoice issue's own check (connector/einvoice): written as CII, read back, EN 16931 business rules.
  for (const format of ['ubl', 'cii', 'factur-x'] as const) {
    it(`passes the EN 16931 rules as ${format} for every VAT status`, async () => {
      for (const index of [0, 1, 2]) {
        const model = { ...buildCommissionInvoice(inputFor(index), 'ST-1')!, number: 'CI-1' };
        expect(await checkFormat(model, 'CI-1', { seller: sellerTermsSchema.parse({}), buyer: {} }, format)).toEqual([]);
      }
    });
  }
});

describe('statement and templates', () => {
  for (const [index, locale] of [[0, 'de'], [1, 'en'], [2, 'tr']] as const) {
    it(`renders the invoice and the statement in ${locale} with headings and column headers`, () => {
      const input = inputFor(index);
      const invoice = { ...buildCommissionInvoice(input, 'ST-1')!, number: 'CI-1' };
      const statement = { ...buildSellerStatement(input, 'CI-1'), number: 'ST-1' };
      expect(statement.statement!.entries).toHaveLength(4);
      expect(statement.totals.grossMinor).toBe(input.payout.payoutMinor);
      for (const [model, template] of [[invoice, STATEMENT_TEMPLATES.commission_invoice], [statement, STATEMENT_TEMPLATES.seller_statement]] as const) {
        const { html } = renderDocumentHtml(model, { template });
        expect(html).toContain(`lang="${locale}`);
        expect(html.match(/<h1>/g)).toHaveLength(1);
        expect(html).toMatch(/<h2>/);
        expect(html).toMatch(/<th scope="col"/);
        expect(html).not.toMatch(/statement\.\w+/);
      }
      expect(renderDocumentHtml(statement, { template: STATEMENT_TEMPLATES.seller_statement }).html).toContain('CI-1');
    });
  }

  it('escapes seller data in the templates', () => {
    const input = inputFor(1);
    const evil = { ...input, seller: { ...input.seller, legalName: '<script>alert(1)</script>' } };
    const { html } = renderDocumentHtml({ ...buildSellerStatement(evil), number: 'ST-2' }, { template: STATEMENT_TEMPLATES.seller_statement });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
