import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';

export interface InvoiceState {
  ref: string;
  status: string;
  attributes: Record<string, unknown>;
}

/** The invoice's status and attributes as Fluent's GraphQL API shows them to the OMS. */
export async function readInvoice(fluent: FluentClient, ref: string): Promise<InvoiceState | undefined> {
  const data = await fluent.graphql<{ invoice: { ref: string; status: string; attributes: { name: string; value: unknown }[] | null } | null }>(
    'query($ref: String!) { invoice(ref: $ref) { ref status attributes { name type value } } }',
    { ref },
  );
  if (!data.invoice) return undefined;
  const attributes = Object.fromEntries((data.invoice.attributes ?? []).map((a) => [a.name, a.value]));
  return { ref: data.invoice.ref, status: data.invoice.status, attributes };
}
