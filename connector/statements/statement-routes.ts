import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { createAdminAuth } from '../admin/admin-auth.ts';
import { PermanentError } from '../core/errors.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { Database } from '../db/database.ts';
import { problem } from '../http/problem.ts';
import type { Seller } from '../sellers/seller.ts';
import { adjustmentMinor } from './adjustment-amount.ts';
import { addAdjustment, findClosedCycle } from './statement-store.ts';

/**
 * The statements API, behind FOLIO_ADMIN_TOKEN as a bearer token (like /admin/api):
 * - POST /admin/api/statements/adjustments {seller, amount, reason, author, cycle?} records a manual
 *   adjustment (audited) for the seller's next (or the named open) cycle: 201 with its ref;
 * - GET /admin/api/statements/:seller/:cycle answers a closed cycle: its payout, entries and numbers.
 * Bad input is a 400 naming the field; an unknown seller or cycle 404; a closed cycle 409.
 */
export interface StatementRouteOptions {
  token: string;
  db: Database;
  audit: AuditSink;
  sellers: () => Promise<readonly Seller[]>;
  accountId: string;
}

const adjustmentBody = z.object({
  seller: z.string().min(1).max(64),
  /** A decimal in the seller's payout currency: "25.00" credits, "-12.50" debits. */
  amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal such as -12.50'),
  reason: z.string().trim().min(3).max(500),
  author: z.string().trim().min(1).max(200),
  cycle: z.string().min(1).max(20).optional(),
}).strict();

export function createStatementRoutes(options: StatementRouteOptions): Router {
  const auth = createAdminAuth(options.token);
  const router = Router();
  const bearer = (request: Request, response: Response, next: () => void) => {
    if (auth.identify(request)?.via !== 'bearer') return problem(response, 401, 'unauthorized', 'send the admin token as a bearer token');
    response.set({ 'cache-control': 'no-store' });
    next();
  };
  const sellerNamed = async (ref: string) => (await options.sellers()).find((s) => s.ref === ref);

  router.post('/admin/api/statements/adjustments', bearer, express.json({ limit: '4kb' }), async (request, response, next) => {
    try {
      const parsed = adjustmentBody.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return problem(response, 400, 'invalid adjustment', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      const body = parsed.data;
      const seller = await sellerNamed(body.seller);
      if (!seller) return problem(response, 404, 'unknown seller', `no seller ${body.seller}`);
      const amountMinor = adjustmentMinor(body.amount, seller.payoutCurrency);
      const added = await addAdjustment(options.db, options.audit, { accountId: options.accountId, seller, amountMinor, reason: body.reason, author: body.author, cycleId: body.cycle });
      response.status(201).json({ ref: added.ref, seller: seller.ref, amountMinor, currency: seller.payoutCurrency, ...(body.cycle && { cycle: body.cycle }) });
    } catch (error) {
      if (error instanceof PermanentError) return problem(response, /closed/.test(error.message) ? 409 : 400, 'adjustment refused', error.message);
      next(error);
    }
  });

  router.get('/admin/api/statements/:seller/:cycle', bearer, async (request, response, next) => {
    try {
      const closed = await findClosedCycle(options.db, options.accountId, String(request.params.seller), String(request.params.cycle));
      if (!closed) return problem(response, 404, 'no closed cycle', `cycle ${request.params.cycle} of ${request.params.seller} is not closed`);
      response.json({
        seller: closed.seller.ref, cycle: closed.cycle.id, currency: closed.seller.payoutCurrency, payout: closed.payout, entries: closed.entries,
        statement: closed.statement.number, ...(closed.invoice && { invoice: closed.invoice.number }), closedAt: closed.closedAt.toISOString(),
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
