import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStatements, runStatements } from '../../connector/cli/commands/statements.ts';
import type { Seller } from '../../connector/sellers/seller.ts';
import { SELLER_SETTING_NAME } from '../../connector/sellers/load-sellers.ts';
import { queueStatementCycle } from '../../connector/statements/statement-job.ts';
import { findClosedCycle, type ClosedCycle } from '../../connector/statements/statement-store.ts';
import { embeddedEnv } from '../../scripts/demo/local-config.ts';
import { createSampleBillingAccount } from '../../scripts/demo/sample-billing.ts';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { recipientsOf, startSmtpSink, type SmtpSink } from '../../scripts/dev/smtp-sink.ts';
import { MARKETPLACE, SELLERS } from '../statements/fixtures.ts';
import { createSellerOrder, createSellerRefund } from '../statements/support/marketplace.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startLoop, type Loop } from './loop-harness.ts';

/**
 * Issue 18's scenario end to end: a marketplace (Irish, the connector's FOLIO_SELLER) with three
 * sellers as Fluent retailers 2, 3 and 4: two described by `folio.seller` settings in Fluent, one by
 * FOLIO_STATEMENT_SELLERS. Two monthly cycles (2025-09, 2025-10) of orders, refunds (one issued after
 * its order's cycle closed, dated back into it) and a manual adjustment through the API. Each cycle
 * runs as a job on the durable queue; each seller gets a commission invoice and a statement, stored
 * and e-mailed, whose payout reconciles to the cent with amounts computed here from the raw figures.
 * Rerunning (the queue again, then `folio statements run` after the connector stopped) changes nothing.
 */
const ADMIN_TOKEN = 'statements-admin-token-0123456789';
const [BERLIN, DUBLIN, ISTANBUL] = SELLERS as [Seller, Seller, Seller];

/** The commission rates each seller's configuration gives each line of the scenario (basis points). */
const RATES: Record<string, Record<string, number | undefined>> = {
  // books 8 %, app 11 %, otherwise 10 %; shipping commissioned at its channel's rate.
  [BERLIN.ref]: { O1: 800, O1ship: 1000, O2: 1100, O3: 1000, O3ship: 1000 },
  // electronics 6 %, otherwise 15 %; shipping not commissioned.
  [DUBLIN.ref]: { O1: 1500, O2: 600, O3: 1500 },
  // fashion on the web 13.5 %, otherwise 12 %; shipping commissioned.
  [ISTANBUL.ref]: { O1: 1200, O1ship: 1200, O2: 1200, O3: 1350, O3ship: 1200 },
};
const invoiceTotal = (cycle: ClosedCycle) => cycle.payout.commissionsMinor - cycle.payout.reversalsMinor + cycle.payout.subscriptionMinor;
const commission = (base: number, rate: number | undefined) => (rate === undefined ? 0 : Math.round((base * rate) / 10_000));

/** Gross amounts of the scenario (minor units, EUR): O1 books 48.00 + shipping 6.00, O2 electronics 120.00, O3 fashion 60.00 + shipping 4.80. */
function expectedCycles(seller: Seller, adjustmentMinor: number) {
  const r = RATES[seller.ref]!;
  const c1 = {
    sales: 4800 + 12_000, shipping: 600,
    refunds: 4800 + 600, // R1: O1's book and its shipping
    commissions: commission(4800, r.O1) + commission(600, r.O1ship) + commission(12_000, r.O2),
    reversals: commission(4800, r.O1) + commission(600, r.O1ship),
  };
  const c2 = {
    sales: 6000, shipping: 480,
    refunds: 6000 + 6000, // R2 (late, half of O2) and R3 (O3's item)
    commissions: commission(6000, r.O3) + commission(480, r.O3ship),
    reversals: commission(6000, r.O2) + commission(6000, r.O3),
  };
  const payout = (c: typeof c1, adjustments: number) => c.sales + c.shipping - c.refunds - c.commissions + c.reversals + adjustments - seller.subscriptionFeeMinor;
  return { c1: { ...c1, payout: payout(c1, 0) }, c2: { ...c2, adjustments: adjustmentMinor, payout: payout(c2, adjustmentMinor) } };
}

describe('marketplace seller statements over two cycles (emulator loop)', () => {
  let smtp: SmtpSink;
  let loop: Loop;
  const closed: Record<string, ClosedCycle> = {};

  const closeCycle = async (seller: Seller, cycleId: string) => {
    await queueStatementCycle(loop.connector.queue, { accountId: loop.emulator.accountId, retailerId: loop.emulator.retailerId }, seller.ref, cycleId);
    return waitFor(`cycle ${cycleId} of ${seller.ref} to close with its documents`, async () => {
      const found = await findClosedCycle(loop.connector.db, loop.emulator.accountId, seller.ref, cycleId);
      if (!found) return undefined;
      // The job's last step: the statement e-mailed to the seller.
      return smtp.messages.some((m) => m.subject?.includes(found.statement.number)) ? found : undefined;
    }, 60_000);
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    loop = await startLoop(
      {
        FOLIO_SELLER: JSON.stringify(MARKETPLACE),
        FOLIO_STATEMENT_SELLERS: JSON.stringify([ISTANBUL]),
        FOLIO_STATEMENTS: JSON.stringify({ vatRateBp: 2300 }),
        FOLIO_STATEMENTS_INTERVAL_MS: '0',
        FOLIO_ADMIN_TOKEN: ADMIN_TOKEN,
        FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        FOLIO_EMAIL_FROM: 'Marketplace Europe <billing@marketplace.example>',
        // Commission invoices are e-invoiced where configured: CII beside each PDF.
        FOLIO_EINVOICE_FORMATS: JSON.stringify({ [`ACME:1`]: ['cii'] }),
      },
      { emulator: { retailers: SELLERS.map((s) => ({ id: s.retailerId, ref: s.ref, tradingName: s.legalName })) } },
    );
    // Two sellers live in Fluent as settings of their retailer; the third only in the configuration.
    for (const seller of [BERLIN, DUBLIN]) {
      const { retailerId: _retailer, ...data } = seller;
      await loop.fluent.graphql(`mutation($input: CreateSettingInput) { createSetting(input: $input) { id } }`, {
        input: { name: SELLER_SETTING_NAME, valueType: 'JSON', lobValue: data, context: 'RETAILER', contextId: Number(seller.retailerId) },
      });
    }
    for (const seller of SELLERS) {
      const p = seller.ref;
      const order = (ref: string, createdOn: string, channel: string, lines: { sku: string; category: string; netMinor: number; taxMinor: number }[], shipping: { netMinor: number; taxMinor: number }, paid: boolean) =>
        createSellerOrder(loop.fluent, loop.emulator.store, { retailerId: seller.retailerId, ref: `${p}-${ref}`, channel, createdOn, status: 'COMPLETE', lines, shipping, payments: paid ? [{ method: 'CREDIT_CARD', amountMinor: lines.reduce((s, l) => s + l.netMinor + l.taxMinor, 0) + shipping.netMinor + shipping.taxMinor }] : [] });
      await order('O1', '2025-09-10T10:00:00.000Z', 'web', [{ sku: 'BOOK-1', category: 'books', netMinor: 4000, taxMinor: 800 }], { netMinor: 500, taxMinor: 100 }, true);
      await order('O2', '2025-09-25T10:00:00.000Z', 'app', [{ sku: 'PHONE-1', category: 'electronics', netMinor: 10_000, taxMinor: 2000 }], { netMinor: 0, taxMinor: 0 }, true);
      await order('O3', '2025-10-05T10:00:00.000Z', 'web', [{ sku: 'SHIRT-1', category: 'fashion', netMinor: 5000, taxMinor: 1000 }], { netMinor: 400, taxMinor: 80 }, true);
      // Confirmed but never paid: no sale in any cycle.
      await order('O4', '2025-09-12T10:00:00.000Z', 'web', [{ sku: 'BOOK-2', category: 'books', netMinor: 3000, taxMinor: 600 }], { netMinor: 0, taxMinor: 0 }, false);
      await createSampleBillingAccount(loop.fluent, { retailerId: seller.retailerId, ref: `BA-${p}`, customerRef: `cust-${p}-O1`, name: 'Mary Shopper' });
      await createSellerRefund(loop.fluent, loop.emulator.store, { retailerId: seller.retailerId, ref: `${p}-R1`, orderRef: `${p}-O1`, billingAccountRef: `BA-${p}`, issueDate: '2025-09-20T09:00:00.000Z', createdOn: '2025-09-20T09:00:00.000Z', lines: [{ type: 'CREDIT_MEMO_ITEM', orderItemRef: `${p}-O1-1`, netMinor: 4000, taxMinor: 800 }, { type: 'SHIPPING', netMinor: 500, taxMinor: 100 }] });
    }
    await loop.emulator.idle(30_000);
  }, 120_000);

  afterAll(async () => {
    await loop?.close();
    await smtp?.close();
  });

  it('closes 2025-09 per seller: its sales and refund, commissions by category and channel, a statement and invoice each', async () => {
    for (const seller of SELLERS) {
      const cycle = await closeCycle(seller, '2025-09');
      closed[`${seller.ref}/2025-09`] = cycle;
      const expected = expectedCycles(seller, 0).c1;
      expect(cycle.entries.map((e) => e.key)).toEqual([`sale:${seller.ref}-O1`, `refund:${seller.ref}-R1`, `sale:${seller.ref}-O2`]);
      expect(cycle.payout).toEqual({
        salesMinor: expected.sales, shippingMinor: expected.shipping, refundsMinor: expected.refunds, commissionsMinor: expected.commissions,
        reversalsMinor: expected.reversals, adjustmentsMinor: 0, subscriptionMinor: seller.subscriptionFeeMinor, payoutMinor: expected.payout,
      });
    }
    expect(closed[`${BERLIN.ref}/2025-09`]!.invoice!.number).toMatch(/^CI-IE2025-00000\d$/);
    expect(closed[`${BERLIN.ref}/2025-09`]!.statement.number).toMatch(/^ST-IE2025-00000\d$/);
  }, 180_000);

  it('counts a refund issued after its cycle closed, and an adjustment from the API, in the next cycle', async () => {
    for (const seller of SELLERS) {
      const p = seller.ref;
      // Made in October, after September closed, dated back into it: it must land in October.
      await createSellerRefund(loop.fluent, loop.emulator.store, { retailerId: seller.retailerId, ref: `${p}-R2`, orderRef: `${p}-O2`, billingAccountRef: `BA-${p}`, issueDate: '2025-09-29T09:00:00.000Z', createdOn: '2025-10-03T08:00:00.000Z', lines: [{ type: 'CREDIT_MEMO_ITEM', orderItemRef: `${p}-O2-1`, netMinor: 5000, taxMinor: 1000 }] });
      await createSellerRefund(loop.fluent, loop.emulator.store, { retailerId: seller.retailerId, ref: `${p}-R3`, orderRef: `${p}-O3`, billingAccountRef: `BA-${p}`, issueDate: '2025-10-15T09:00:00.000Z', createdOn: '2025-10-15T09:00:00.000Z', lines: [{ type: 'CREDIT_MEMO_ITEM', orderItemRef: `${p}-O3-1`, netMinor: 5000, taxMinor: 1000 }] });
    }
    await loop.emulator.idle(30_000);
    const api = (body: unknown, token = ADMIN_TOKEN) => fetch(`${loop.connector.url}/admin/api/statements/adjustments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await api({ seller: BERLIN.ref, amount: '15.00', reason: 'x', author: 'ops' })).status).toBe(400);
    expect((await api({ seller: BERLIN.ref, amount: '15.00', reason: 'Goodwill', author: 'ops' }, 'wrong-token-wrong-token')).status).toBe(401);
    expect((await api({ seller: BERLIN.ref, amount: '15.00', reason: 'Goodwill', author: 'ops', cycle: '2025-09' })).status).toBe(409);
    const created = await api({ seller: BERLIN.ref, amount: '15.00', reason: 'Goodwill: parcel lost by our carrier', author: 'ops@marketplace.example', cycle: '2025-10' });
    expect(created.status).toBe(201);
    const adjustment = (await created.json()) as { ref: string; amountMinor: number };
    expect(adjustment.amountMinor).toBe(1500);

    for (const seller of SELLERS) {
      const cycle = await closeCycle(seller, '2025-10');
      closed[`${seller.ref}/2025-10`] = cycle;
      const adjusted = seller === BERLIN ? 1500 : 0;
      const expected = expectedCycles(seller, adjusted).c2;
      // In date order: the late refund (dated 29 September), the adjustment (at the cycle's start), O3, R3.
      expect(cycle.entries.map((e) => e.key)).toEqual([
        `refund:${seller.ref}-R2`,
        ...(seller === BERLIN ? [`adjustment:${adjustment.ref}`] : []),
        `sale:${seller.ref}-O3`, `refund:${seller.ref}-R3`,
      ]);
      // The late refund carries its own date, in September, yet is counted once: here.
      const late = cycle.entries.find((e) => e.key === `refund:${seller.ref}-R2`)!;
      expect(late.date).toBe('2025-09-29T09:00:00.000Z');
      expect(closed[`${seller.ref}/2025-09`]!.entries.some((e) => e.key === late.key)).toBe(false);
      expect(cycle.payout).toEqual({
        salesMinor: expected.sales, shippingMinor: expected.shipping, refundsMinor: expected.refunds, commissionsMinor: expected.commissions,
        reversalsMinor: expected.reversals, adjustmentsMinor: expected.adjustments, subscriptionMinor: seller.subscriptionFeeMinor, payoutMinor: expected.payout,
      });
    }
    const trail = await loop.connector.db.query<{ step: string; details: { author?: string } }>(`SELECT step, details FROM folio_audit_events WHERE step IN ('adjusted', 'cycle-closed') ORDER BY id`);
    expect(trail.rows.filter((r) => r.step === 'cycle-closed')).toHaveLength(6);
    expect(trail.rows.filter((r) => r.step === 'adjusted')).toHaveLength(1);
  }, 180_000);

  it('prints each payout and the invoice total on PDFs it stored and e-mailed to the seller', async () => {
    const api = await fetch(`${loop.connector.url}/admin/api/statements/${BERLIN.ref}/2025-10`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(api.status).toBe(200);
    const answered = (await api.json()) as { payout: unknown; statement: string; entries: unknown[] };
    expect(answered).toMatchObject({ payout: closed[`${BERLIN.ref}/2025-10`]!.payout, statement: closed[`${BERLIN.ref}/2025-10`]!.statement.number });
    expect(answered.entries).toHaveLength(4);
    expect((await fetch(`${loop.connector.url}/admin/api/statements/${BERLIN.ref}/2025-12`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);

    for (const seller of SELLERS) {
      for (const cycleId of ['2025-09', '2025-10']) {
        const cycle = closed[`${seller.ref}/${cycleId}`]!;
        const files = await loop.connector.db.query<{ number: string; storage: { location: { path: string } }; document_type: string }>('SELECT number, storage, document_type FROM folio_documents WHERE key = ANY($1::text[]) ORDER BY document_type', [[cycle.invoice!.key, cycle.statement.key]]);
        expect(files.rows.map((r) => r.document_type)).toEqual(['commission_invoice', 'seller_statement']);
        const text = (documentType: string) => pdfText(readFileSync(files.rows.find((r) => r.document_type === documentType)!.storage.location.path));
        const money = (minor: number) => new Intl.NumberFormat(seller.locale, { style: 'currency', currency: 'EUR' }).format(minor / 100);
        const statement = text('seller_statement');
        expect(statement).toContain(cycle.statement.number);
        expect(statement).toContain(cycle.invoice!.number);
        expect(statement.replace(/\s/g, '')).toContain(money(cycle.payout.payoutMinor).replace(/\s/g, ''));
        const invoicePath = files.rows.find((r) => r.document_type === 'commission_invoice')!.storage.location.path;
        const cii = readFileSync(invoicePath.replace(/\.pdf$/, '.cii.xml'), 'utf8');
        expect(cii).toContain(cycle.invoice!.number);
        expect(cii).toContain((invoiceTotal(cycle) / 100).toFixed(2));
        const invoice = text('commission_invoice');
        const total = cycle.payout.commissionsMinor - cycle.payout.reversalsMinor + cycle.payout.subscriptionMinor;
        expect(invoice.replace(/\s/g, '')).toContain(money(total).replace(/\s/g, ''));
        // Outside the scope of VAT (the Turkish seller), EN 16931 wants no VAT ids on the invoice.
        if (seller !== ISTANBUL) expect(invoice).toContain(seller.vatId!);
        if (seller === BERLIN) expect(invoice.replace(/\s/g, '')).toContain('(ReverseCharge)');
        const mails = smtp.messages.filter((m) => recipientsOf(m).includes(seller.email!));
        for (const number of [cycle.statement.number, cycle.invoice!.number]) expect(mails.filter((m) => m.subject?.includes(number))).toHaveLength(1);
      }
    }
  }, 60_000);

  it('changes nothing when the cycles run again: on the queue, then with `folio statements run`', async () => {
    const snapshot = async () => {
      const db = loop.connector.db;
      const counts = await db.query<{ documents: number; entries: number; series: number }>(
        `SELECT (SELECT count(*) FROM folio_documents) AS documents, (SELECT count(*) FROM folio_statement_entries) AS entries, (SELECT sum(next_value) FROM folio_number_series) AS series`,
      );
      const hashes = await db.query<{ key: string; sha256: string }>(`SELECT key, sha256 FROM folio_documents WHERE document_type IN ('commission_invoice', 'seller_statement') ORDER BY key`);
      return { counts: counts.rows[0], hashes: hashes.rows, mails: smtp.messages.length };
    };
    const before = await snapshot();
    for (const seller of SELLERS) {
      const again = await queueStatementCycle(loop.connector.queue, { accountId: loop.emulator.accountId, retailerId: loop.emulator.retailerId }, seller.ref, '2025-09');
      expect(again.status).toBe('duplicate');
    }
    expect(await snapshot()).toEqual(before);

    // The CLI on the same data directory, with the connector stopped (the embedded database serves one process).
    await loop.connector.close();
    const env = embeddedEnv(loop.emulator, {
      FOLIO_DATA_DIR: loop.config.FOLIO_DATA_DIR, FOLIO_SELLER: JSON.stringify(MARKETPLACE), FOLIO_STATEMENT_SELLERS: JSON.stringify([ISTANBUL]),
      FOLIO_STATEMENTS: JSON.stringify({ vatRateBp: 2300 }), FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      // The same keys as the connector: links, and the recipient hashes the delivery outbox is keyed by.
      FOLIO_LINK_KEYS: loop.config.FOLIO_LINK_KEYS.map((key) => `${key.kid}:${key.secret}`).join(','),
    });
    const lines = await captureStdout(() => runStatements(['--cycle', '2025-10'], env, new Date('2026-01-15T00:00:00Z')));
    const results = lines.map((line) => JSON.parse(line) as { sellerRef: string; outcome: string; payout: { payoutMinor: number }; documents: { number: string; sha256: string }[] });
    expect(results.map((r) => [r.sellerRef, r.outcome])).toEqual(SELLERS.map((s) => [s.ref, 'already-closed']).sort());
    for (const result of results) {
      const cycle = closed[`${result.sellerRef}/2025-10`]!;
      expect(result.payout.payoutMinor).toBe(cycle.payout.payoutMinor);
      expect(result.documents.map((d) => d.number)).toEqual([cycle.invoice!.number, cycle.statement.number]);
    }
    // A closed cycle refuses adjustments; the next one takes them.
    await expect(adjustStatements(['--seller', DUBLIN.ref, '--amount=-5.00', '--reason', 'Late fee', '--author', 'ops', '--cycle', '2025-10'], env)).rejects.toThrow(/closed/);
    const adjusted = await captureStdout(() => adjustStatements(['--seller', DUBLIN.ref, '--amount=-5.00', '--reason', 'Late fee', '--author', 'ops', '--cycle', '2025-11'], env));
    expect(JSON.parse(adjusted[0]!)).toMatchObject({ seller: DUBLIN.ref, amountMinor: -500, cycle: '2025-11' });
    loop.connector = await loop.restart();
    const after = await snapshot();
    expect(after).toEqual(before);
  }, 120_000);
});

async function captureStdout(run: () => Promise<number>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    const code = await run();
    expect(code).toBe(0);
  } finally {
    console.log = original;
  }
  return lines;
}
