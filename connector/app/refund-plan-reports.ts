import type { PlannedRefund } from '../compose/refund-plan.ts';
import { currencyExponent } from '../compose/money.ts';
import { formatMinor } from '../statements/format-minor.ts';
import type { DocumentReporter, RefundPlanReport } from '../core/ports/document-reporter.ts';
import type { FluentEvent } from '../fluent/event-model.ts';

/**
 * The refund plan goes back to Fluent with the document's report. The pipeline builds the document
 * and reports it for the same event object (generateDocument hands `event` to build and to the
 * reporter), so the credit-note and return declarations remember the plan they built under that
 * event, and the reporter adds it to the report. A WeakMap: a plan lives as long as its event, and a
 * replay builds (and remembers) it again.
 */
const plans = new WeakMap<FluentEvent, RefundPlanReport>();

/** Called by a declaration's build: the plan it printed on the document, for the report of the same event. */
export function rememberRefundPlan(event: FluentEvent, plan: PlannedRefund | undefined): PlannedRefund | undefined {
  if (plan) plans.set(event, refundPlanReport(plan));
  else plans.delete(event);
  return plan;
}

/** The reporter, with each generated document's refund plan (when its build made one) in the report. */
export function reporterWithRefundPlans(reporter: DocumentReporter): DocumentReporter {
  const withPlan = <T extends { refundPlan?: RefundPlanReport }>(event: FluentEvent, document: T): T => {
    const plan = document.refundPlan ?? plans.get(event);
    return plan ? { ...document, refundPlan: plan } : document;
  };
  return {
    generated: (event, document) => reporter.generated(event, withPlan(event, document)),
    delivery: (event, document) => reporter.delivery(event, withPlan(event, document)),
    failed: (event, reason, failedOn) => reporter.failed(event, reason, failedOn),
  };
}

/** The plan as the OMS reads it: minor units, and the same amounts as decimals in the currency's digits. */
export function refundPlanReport(plan: PlannedRefund): RefundPlanReport {
  const decimal = decimalIn(plan.currency);
  return {
    currency: plan.currency,
    totalMinor: plan.totalMinor,
    itemsMinor: plan.itemsMinor,
    shippingMinor: plan.shippingMinor,
    codFeeMinor: plan.codFeeMinor,
    policy: { shipping: plan.policy.shipping, codFee: plan.policy.codFee },
    allocations: plan.allocations.map((a) => ({ tender: a.tender, method: a.method, amountMinor: a.amountMinor, amount: decimal(a.amountMinor), ...(a.ref !== undefined && { ref: a.ref }) })),
  };
}

/** Minor units as a plain decimal string in the currency's digits ("19.50", "-0.05", "1200" for JPY), exactly. */
export function decimalIn(currency: string): (minor: number) => string {
  const digits = currencyExponent(currency);
  return (minor) => formatMinor(minor, digits);
}
