import type { Queryable } from '../db/database.ts';

export interface LinkRevocations {
  /** Refuses every link to the document issued up to now; links issued afterwards work again. */
  revoke(documentKey: string, reason?: string): Promise<void>;
  /** True when a link issued at `issuedAt` (epoch seconds) falls under a revocation. */
  isRevoked(documentKey: string, issuedAt: number): Promise<boolean>;
}

export function createLinkRevocations(db: Queryable): LinkRevocations {
  return {
    async revoke(documentKey, reason) {
      await db.query(
        `INSERT INTO folio_link_revocations (document_key, revoked_at, reason) VALUES ($1, now(), $2)
         ON CONFLICT (document_key) DO UPDATE SET revoked_at = EXCLUDED.revoked_at, reason = EXCLUDED.reason`,
        [documentKey, reason ?? null],
      );
    },
    async isRevoked(documentKey, issuedAt) {
      // Token times are whole seconds: a link issued in the same second as the revocation counts as revoked.
      const { rows } = await db.query(
        `SELECT 1 FROM folio_link_revocations WHERE document_key = $1 AND to_timestamp($2) <= revoked_at`,
        [documentKey, issuedAt],
      );
      return rows.length > 0;
    },
  };
}
