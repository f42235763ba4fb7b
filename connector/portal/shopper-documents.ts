import type { Queryable } from '../db/database.ts';
import type { PortalSession } from './sessions.ts';

export interface ShopperDocument {
  portalId: string;
  key: string;
  storageKey: string;
  type: string;
  entityType: string;
  number: string;
  issuedAt: Date;
  totalMinor: number;
  currency: string;
  orderRef: string | null;
  locale: string | null;
  /** The latest delivery's state and channel from the outbox, if it was ever sent. */
  delivery: { state: string; channel: string } | null;
  /** Only when one document was asked for (findShopperDocument). */
  sealedContact: string | null;
}

export interface DocumentFilters {
  type?: string;
  /** Inclusive, as instants; the routes turn dates into the start and end of a day. */
  from?: Date;
  to?: Date;
  orderRef?: string;
}

interface Row {
  portal_id: string;
  key: string;
  storage_key: string;
  document_type: string;
  entity_type: string;
  number: string;
  issued_at: Date | string;
  total_minor: string | number;
  currency: string;
  order_ref: string | null;
  locale: string | null;
  delivery_state: string | null;
  delivery_channel: string | null;
  shopper_contact_sealed: string | null;
}

/**
 * The shopper's documents at one retailer, newest first. Every query is scoped three ways: the account
 * and retailer of the session, the shopper's contact hash, and — for a session from one document's
 * link — that document alone. Only stored documents show (a failed or half-made one has no file).
 */
/** A document's public id (folio_documents.public_id): anything else names no document. */
const PUBLIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function listShopperDocuments(db: Queryable, session: PortalSession, filters: DocumentFilters = {}, portalId?: string): Promise<ShopperDocument[]> {
  // The sealed contact is only for resends of one document: lists leave it in the table.
  const withContact = portalId !== undefined;
  const [accountId, retailerId] = splitTenant(session.tenant);
  const params: unknown[] = [accountId, retailerId];
  const where = [`d.account_id = $1`, `d.retailer_id = $2`, `d.status IN ('stored', 'reported')`, `d.storage IS NOT NULL`, `d.issued_at IS NOT NULL`];
  const add = (sql: (at: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (session.documentKey) add((at) => `d.storage->>'key' = ${at}`, session.documentKey);
  else if (session.kind === 'email') add((at) => `d.shopper_email_hash = ${at}`, session.contactHash);
  else add((at) => `d.shopper_phone_hash = ${at}`, session.contactHash);
  if (filters.type) add((at) => `d.document_type = ${at}`, filters.type);
  if (filters.from) add((at) => `d.issued_at >= ${at}`, filters.from.toISOString());
  if (filters.to) add((at) => `d.issued_at <= ${at}`, filters.to.toISOString());
  if (filters.orderRef) add((at) => `d.order_ref = ${at}`, filters.orderRef);
  if (portalId) add((at) => `d.public_id = ${at}::uuid`, portalId);
  // One row with the list as JSON: parsing 200 rows field by field cost the portal more than the query itself.
  const { rows } = await db.query<{ documents: Row[] | string | null }>(
    `SELECT json_agg(r ORDER BY r.issued_at DESC, r.number DESC) AS documents FROM (
       SELECT d.public_id::text AS portal_id, d.key, d.storage->>'key' AS storage_key, d.document_type, d.entity_type, d.number, d.issued_at,
              d.total_minor, d.currency, d.order_ref, d.locale, ${withContact ? 'd.shopper_contact_sealed' : 'NULL AS shopper_contact_sealed'},
              last.state AS delivery_state, last.channel AS delivery_channel
         FROM folio_documents d
         LEFT JOIN LATERAL (
           SELECT state, channel FROM folio_deliveries f WHERE f.document_key = d.storage->>'key' ORDER BY f.updated_at DESC LIMIT 1
         ) last ON true
        WHERE ${where.join(' AND ')}
        ORDER BY d.issued_at DESC, d.number DESC
        LIMIT 1000) r`,
    params,
  );
  const found = rows[0]?.documents;
  const list: Row[] = typeof found === 'string' ? (JSON.parse(found) as Row[]) : (found ?? []);
  return list.map((row) => ({
    portalId: row.portal_id,
    key: row.key,
    storageKey: row.storage_key,
    type: row.document_type,
    entityType: row.entity_type,
    number: row.number,
    issuedAt: new Date(row.issued_at),
    totalMinor: Number(row.total_minor),
    currency: row.currency,
    orderRef: row.order_ref,
    locale: row.locale,
    delivery: row.delivery_state && row.delivery_channel ? { state: row.delivery_state, channel: row.delivery_channel } : null,
    sealedContact: row.shopper_contact_sealed,
  }));
}

/** One document of the shopper by its portal id, or undefined (another shopper's, another retailer's, or none). */
export async function findShopperDocument(db: Queryable, session: PortalSession, portalId: string): Promise<ShopperDocument | undefined> {
  if (!PUBLIC_ID.test(portalId)) return undefined;
  return (await listShopperDocuments(db, session, {}, portalId))[0];
}

/** Who owns a portal id, whoever asks: only for the audit trail of a refused access. */
export async function documentKeyOfPortalId(db: Queryable, portalId: string): Promise<{ storageKey: string; tenant: string } | undefined> {
  if (!PUBLIC_ID.test(portalId)) return undefined;
  const { rows } = await db.query<{ storage_key: string | null; account_id: string; retailer_id: string }>(
    `SELECT storage->>'key' AS storage_key, account_id, retailer_id FROM folio_documents WHERE public_id = $1::uuid`,
    [portalId],
  );
  const row = rows[0];
  return row?.storage_key ? { storageKey: row.storage_key, tenant: `${row.account_id}:${row.retailer_id}` } : undefined;
}

/** A document's order groups, in the order of their newest document. */
export function groupByOrder(documents: readonly ShopperDocument[]): { orderRef: string | null; documents: ShopperDocument[] }[] {
  const groups = new Map<string, { orderRef: string | null; documents: ShopperDocument[] }>();
  for (const document of documents) {
    const id = document.orderRef ?? '';
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { orderRef: document.orderRef, documents: [] }));
    group.documents.push(document);
  }
  return [...groups.values()];
}

export function splitTenant(tenant: string): [string, string] {
  const at = tenant.lastIndexOf(':');
  return [tenant.slice(0, at), tenant.slice(at + 1)];
}
