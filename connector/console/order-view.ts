import type { Queryable } from '../db/database.ts';
import { consoleDocumentOf, type ConsoleDocument } from './document-view.ts';
import { seesTenant, type Operator } from './roles.ts';
import { splitTenant } from './scope.ts';

/** A package (Fluent fulfilment) of an order, with its documents and the payment status they record. */
export interface OrderPackage {
  ref: string;
  paymentStatus?: string;
  documents: ConsoleDocument[];
}

export interface OrderView {
  tenant: string;
  orderRef: string;
  /** Documents about the order as a whole (confirmation, invoices, receipts, credit notes …). */
  documents: ConsoleDocument[];
  packages: OrderPackage[];
  invoiced: boolean;
}

/** Package documents are those made from a FULFILMENT (package invoices, shipment notes). */
const PACKAGE_ENTITY = 'FULFILMENT';

export async function findOrder(db: Queryable, operator: Operator, tenant: string, orderRef: string): Promise<OrderView | undefined> {
  if (!seesTenant(operator, tenant)) return undefined;
  const [account, retailer] = splitTenant(tenant);
  const { rows } = await db.query<{ doc: Record<string, unknown> }>(
    `SELECT to_jsonb(d) AS doc FROM folio_documents d WHERE d.account_id = $1 AND d.retailer_id = $2 AND d.order_ref = $3 ORDER BY d.created_at, d.key`,
    [account, retailer, orderRef],
  );
  if (rows.length === 0) return undefined;
  const documents = rows.map((row) => consoleDocumentOf(row.doc));
  const packages = new Map<string, OrderPackage>();
  for (const document of documents.filter((d) => d.entityType === PACKAGE_ENTITY)) {
    const found = packages.get(document.entityRef) ?? { ref: document.entityRef, documents: [] };
    found.documents.push(document);
    // The package invoice knows the package's payment (paid, unpaid, cash on delivery …).
    if (document.paymentStatus && (document.documentType === 'invoice' || !found.paymentStatus)) found.paymentStatus = document.paymentStatus;
    packages.set(document.entityRef, found);
  }
  return {
    tenant,
    orderRef,
    documents: documents.filter((d) => d.entityType !== PACKAGE_ENTITY),
    packages: [...packages.values()],
    invoiced: documents.some((d) => d.documentType === 'invoice' && d.status !== 'failed'),
  };
}
