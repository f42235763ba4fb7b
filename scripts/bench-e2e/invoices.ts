import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import { createSampleInvoice } from '../demo/sample-invoice.ts';

/** An invoice whose customer, billing account and order exist; create() sends its createInvoice. */
export interface PreparedInvoice {
  ref: string;
  create(): Promise<void>;
}

const CREATE_INVOICE = /\bcreateInvoice\s*\(/;

/**
 * Runs the demo's sample-invoice steps for one invoice but holds back the createInvoice mutation (the one
 * that fires the workflow and the webhook), so the load phase sends only that, on its own schedule.
 */
async function prepareOne(fluent: FluentClient, retailerId: string, suffix: string): Promise<PreparedInvoice> {
  let held: { query: string; variables: Record<string, unknown> | undefined } | undefined;
  const holding: FluentClient = {
    graphql: async <T>(query: string, variables?: Record<string, unknown>) => {
      if (!CREATE_INVOICE.test(query)) return fluent.graphql<T>(query, variables);
      held = { query, variables };
      return {} as T;
    },
    postEvent: (event) => fluent.postEvent(event),
  };
  const { invoiceRef } = await createSampleInvoice(holding, {
    retailerId,
    suffix,
    customer: { firstName: 'Bench', lastName: `Customer ${suffix}`, email: `${suffix.toLowerCase()}@example.com` },
  });
  const mutation = held;
  if (!mutation) throw new Error('createSampleInvoice sent no createInvoice mutation');
  return { ref: invoiceRef, create: async () => void (await fluent.graphql(mutation.query, mutation.variables)) };
}

/** Runs `work` over 0..count-1 with `concurrency` at a time; answers the results in index order. */
export async function pooled<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await work(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** `count` invoices ready to create, refs `INV-<prefix>-<i>`. */
export function prepareInvoices(fluent: FluentClient, retailerId: string, prefix: string, count: number): Promise<PreparedInvoice[]> {
  return pooled(count, 4, (i) => prepareOne(fluent, retailerId, `${prefix}-${i}`));
}

/** Creates every invoice as fast as the emulator takes them (`concurrency` mutations in flight). */
export async function createBurst(invoices: readonly PreparedInvoice[], concurrency = 16): Promise<void> {
  await pooled(invoices.length, concurrency, (i) => invoices[i]!.create());
}

/**
 * Open loop: invoice i is created at start + i/rate whether or not earlier creations have answered.
 * Answers each invoice's due time (epoch ms), from which its latency is counted (no coordinated omission),
 * and calls onCreated after each creation (for the backlog samples).
 */
export async function createAtRate(invoices: readonly PreparedInvoice[], rate: number, onCreated: () => void): Promise<Map<string, number>> {
  const due = new Map<string, number>();
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (const [i, invoice] of invoices.entries()) {
    const at = started + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    due.set(invoice.ref, performance.timeOrigin + at);
    sends.push(invoice.create().then(onCreated));
  }
  await Promise.all(sends);
  return due;
}
