import { z } from 'zod';
import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import { STATUS } from '../../connector/fluent/contract.ts';

/** The emulator answers any page size; one page keeps the polling to one request. */
const PAGE = 100_000;

const refsSchema = z.object({ invoices: z.object({ edges: z.array(z.object({ node: z.object({ ref: z.string() }) })) }) });

/** How many of the invoices whose ref starts with `prefix` have their outcome written back (generated or failed). */
export async function finishedCount(fluent: FluentClient, prefix: string): Promise<number> {
  const data = refsSchema.parse(
    await fluent.graphql(`query($status: [String]) { invoices(status: $status, first: ${PAGE}) { edges { node { ref } } } }`, { status: [STATUS.generated, STATUS.failed] }),
  );
  return data.invoices.edges.filter(({ node }) => node.ref.startsWith(prefix)).length;
}

const timingSchema = z.object({
  id: z.string(),
  ref: z.string(),
  status: z.string(),
  createdOn: z.iso.datetime({ offset: true }),
  updatedOn: z.iso.datetime({ offset: true }),
  billingAccount: z.object({ ref: z.string() }),
  attributes: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
});
export type InvoiceTiming = z.output<typeof timingSchema>;
const timingsSchema = z.object({ invoices: z.object({ edges: z.array(z.object({ node: timingSchema })) }) });

/**
 * The invoices as the emulator holds them, with its own timestamps: createdOn (the createInvoice
 * mutation) and updatedOn. Read after the loop has finished, updatedOn is when the FolioDocumentGenerated
 * ruleset moved the invoice to DOCUMENT_GENERATED, right after it wrote the Folio attributes (the same
 * ruleset run; nothing updates the invoice afterwards).
 */
export async function invoiceTimings(fluent: FluentClient, refs: readonly string[]): Promise<InvoiceTiming[]> {
  const data = timingsSchema.parse(
    await fluent.graphql(
      `query($refs: [String!]) { invoices(ref: $refs, first: ${PAGE}) { edges { node { id ref status createdOn updatedOn billingAccount { ref } attributes { name value } } } } }`,
      { refs },
    ),
  );
  return data.invoices.edges.map(({ node }) => node);
}

/** Epoch milliseconds from the emulator's ISO timestamps. */
export const epochMs = (iso: string) => Date.parse(iso);
