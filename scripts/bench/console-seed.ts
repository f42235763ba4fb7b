import type { Queryable } from '../../connector/db/database.ts';

/**
 * Document rows as the pipeline leaves them, many at once (generate_series), for list, scoping and
 * bench runs: `count` orders of one retailer, each with one document. Order refs are
 * `${prefix}-000001` …; every third is failed, every other one an invoice; customers and sales
 * channels cycle through a few values; created_at goes back one minute per row from `newest`.
 */
export async function seedDocuments(db: Queryable, options: { account: string; retailer: string; count: number; prefix: string; newest?: Date; start?: number }): Promise<void> {
  const start = options.start ?? 1;
  await db.query(
    `INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number, status,
                                  failure_reason, order_ref, customer_name, sales_channel, created_at, updated_at)
     SELECT $1 || '|' || $2 || '|' || t.type || '|' || t.entity || '|' || $3 || '-' || lpad(i::text, 6, '0'),
            $1, $2, t.type, t.entity, $3 || '-' || lpad(i::text, 6, '0'),
            $1 || '|' || $2 || '|' || $3 || '|' || t.type, i, $3 || '-' || t.type || '-' || i,
            CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'reported' END,
            CASE WHEN i % 3 = 0 THEN 'unknown currency XYZ' END,
            $3 || '-' || lpad(i::text, 6, '0'),
            (ARRAY['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov'])[1 + i % 5] || ' ' || i,
            (ARRAY['web', 'store', 'marketplace'])[1 + i % 3],
            $4::timestamptz - make_interval(mins => i), $4::timestamptz - make_interval(mins => i)
       FROM generate_series($5::int, $5::int + $6::int - 1) AS i
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 2 = 0 THEN 'invoice' ELSE 'order_confirmation' END AS type,
                                  CASE WHEN i % 2 = 0 THEN 'INVOICE' ELSE 'ORDER' END AS entity) t`,
    [options.account, options.retailer, options.prefix, (options.newest ?? new Date()).toISOString(), start, options.count],
  );
}
