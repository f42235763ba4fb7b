import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { ContactKind } from './contact.ts';

export type MagicLinkRefusal = 'unknown' | 'replayed' | 'expired' | 'other-tenant';
export type MagicLinkUse = { ok: true; contactHash: string; kind: ContactKind } | { ok: false; reason: MagicLinkRefusal };

/** The token travels in the link; the table keeps only its hash (a leaked table signs nobody in). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** One-time, short-lived sign-in links, bound to the retailer they were asked for. */
export function createMagicLinks(db: Queryable, ttlSeconds: number) {
  return {
    async issue(tenant: string, contactHash: string, kind: ContactKind): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      // Kept a day past expiry, so a late click is still told "replayed" or "expired", then gone.
      await db.query(`DELETE FROM folio_portal_magic_links WHERE expires_at < now() - interval '1 day'`);
      await db.query(
        `INSERT INTO folio_portal_magic_links (token_hash, tenant, contact_hash, kind, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [tokenHash(token), tenant, contactHash, kind, ttlSeconds],
      );
      return token;
    },

    /** Uses the link up, in one statement: of two clicks racing, one signs in and the other is a replay. */
    async use(token: string, tenant: string): Promise<MagicLinkUse> {
      const hash = tokenHash(token);
      const { rows } = await db.query<{ contact_hash: string; kind: ContactKind }>(
        `UPDATE folio_portal_magic_links SET used_at = now()
          WHERE token_hash = $1 AND tenant = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING contact_hash, kind`,
        [hash, tenant],
      );
      if (rows[0]) return { ok: true, contactHash: rows[0].contact_hash, kind: rows[0].kind };
      const { rows: known } = await db.query<{ tenant: string; used: boolean }>(
        `SELECT tenant, used_at IS NOT NULL AS used FROM folio_portal_magic_links WHERE token_hash = $1`,
        [hash],
      );
      const row = known[0];
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.tenant !== tenant) return { ok: false, reason: 'other-tenant' };
      return { ok: false, reason: row.used ? 'replayed' : 'expired' };
    },
  };
}
export type MagicLinks = ReturnType<typeof createMagicLinks>;
