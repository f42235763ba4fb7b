import type { EntityStore, Row } from '../store.ts';
import type { RuleEntity } from '../rules/rule.ts';

/** Fluent entity types the emulator orchestrates, and the store table (GraphQL type) holding each. */
export const ENTITY_TABLES: Readonly<Record<string, string>> = {
  BILLING_ACCOUNT: 'BillingAccount',
  INVOICE: 'Invoice',
  CREDIT_MEMO: 'CreditMemo',
  PAYMENT: 'Payment',
  ORDER: 'Order',
  FULFILMENT: 'Fulfilment',
  FINANCIAL_TRANSACTION: 'FinancialTransaction',
  RETURN_ORDER: 'ReturnOrder',
  ARTICLE: 'Article',
};

/**
 * Entity types whose creation raises the platform CREATE event (REFERENCE.md §9, workflow-event-execution).
 * PAYMENT: "If the Payment is successfully created, a CREATE event will be generate[d]" (Fluent GraphQL
 * docs, mutation createPayment); it runs in the billing account's workflow like invoices and credit memos.
 */
export const RAISES_CREATE: ReadonlySet<string> = new Set(['BILLING_ACCOUNT', 'INVOICE', 'CREDIT_MEMO', 'PAYMENT', 'ORDER', 'FULFILMENT', 'RETURN_ORDER']);

export interface Located {
  entity: RuleEntity;
  row: Row;
  /** The workflow's root entity: BILLING_ACCOUNT for invoices and credit memos, ORDER for fulfilments … */
  root: { type: string; row: Row };
}

/** Finds an entity by id or ref (ids win, like Fluent's legacy/new entity addressing), with its root. */
export function locate(store: EntityStore, entityType: string, key: { id?: string; ref?: string }): Located | undefined {
  const table = ENTITY_TABLES[entityType];
  if (!table) return undefined;
  const row = key.id !== undefined ? store.get(table, key.id) : store.byRef(table, key.ref);
  if (!row || (key.ref !== undefined && key.id !== undefined && row.ref !== key.ref)) return undefined;
  const root = rootOf(store, entityType, row);
  return root && { entity: describe(entityType, row), row, root };
}

export function describe(entityType: string, row: Row): RuleEntity {
  return { type: entityType, id: row.id, ref: String(row.ref ?? ''), status: String(row.status ?? ''), subtype: String(row.type ?? '') };
}

/** The entity a workflow is chosen by: its type and `type` field make the workflow name ROOT::SUBTYPE. */
export function rootOf(store: EntityStore, entityType: string, row: Row): { type: string; row: Row } | undefined {
  const via = (type: string, table: string, id: unknown) => {
    const parent = store.get(table, id);
    return parent && { type, row: parent };
  };
  switch (entityType) {
    case 'INVOICE':
    case 'CREDIT_MEMO':
    case 'PAYMENT':
      return via('BILLING_ACCOUNT', 'BillingAccount', row.billingAccountId);
    case 'FULFILMENT':
    case 'FINANCIAL_TRANSACTION':
      return via('ORDER', 'Order', row.orderId);
    case 'ARTICLE': {
      const fulfilment = store.get('Fulfilment', Array.isArray(row.fulfilmentIds) ? row.fulfilmentIds[0] : undefined);
      return fulfilment && via('ORDER', 'Order', fulfilment.orderId);
    }
    default:
      return { type: entityType, row };
  }
}

/** The retailer a root entity belongs to; each root type keeps it in its own shape. */
export function retailerOf(root: { type: string; row: Row }): string | undefined {
  const link = root.row.retailer as { id?: unknown } | undefined;
  const id = root.type === 'ORDER' ? root.row.retailerId : link?.id;
  return id === undefined || id === null ? undefined : String(id);
}

/**
 * The entitySubtype the platform puts on an entity's events when the sender gives none: the billing
 * account's type for its invoices, credit memos and payments (it picks their workflow), else the
 * entity's own type. INFERRED for payments: Fluent's sample CREATE event for a payment shows no subtype.
 */
const BILLING_CHILDREN: ReadonlySet<string> = new Set(['INVOICE', 'CREDIT_MEMO', 'PAYMENT']);
export function eventSubtype(entityType: string, row: Row, root: { row: Row }): string {
  return String((BILLING_CHILDREN.has(entityType) ? root.row : row).type);
}
