import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { tokenHash } from './magic-links.ts';

export const SESSION_COOKIE = 'folio_portal';

export interface PortalSession {
  idHash: string;
  tenant: string;
  contactHash: string;
  kind: 'email' | 'phone' | 'document';
  /** Set when the session came from one document's signed link: it sees that document only. */
  documentKey: string | null;
  expiresAt: Date;
}

export type SessionLookup = { ok: true; session: PortalSession } | { ok: false; reason: 'no-cookie' | 'forged' | 'expired' | 'ended' | 'other-tenant' };

/**
 * Portal sessions. The cookie carries 32 random bytes and the table their hash, so a cookie is good only
 * if this server issued it; it lives a bounded time from sign-in, and signing out ends it for good.
 */
export function createSessions(db: Queryable, lifetimeSeconds: number) {
  return {
    lifetimeSeconds,
    async start(input: { tenant: string; contactHash: string; kind: PortalSession['kind']; documentKey?: string }): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      // Ended and expired sessions stay a day (a late request is told why), then go.
      await db.query(`DELETE FROM folio_portal_sessions WHERE expires_at < now() - interval '1 day'`);
      await db.query(
        `INSERT INTO folio_portal_sessions (id_hash, tenant, contact_hash, kind, document_key, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
        [tokenHash(id), input.tenant, input.contactHash, input.kind, input.documentKey ?? null, lifetimeSeconds],
      );
      return id;
    },

    async find(cookieValue: string | undefined, tenant: string): Promise<SessionLookup> {
      if (!cookieValue) return { ok: false, reason: 'no-cookie' };
      const { rows } = await db.query<{ id_hash: string; tenant: string; contact_hash: string; kind: PortalSession['kind']; document_key: string | null; expires_at: Date | string; ended: boolean; expired: boolean }>(
        `SELECT id_hash, tenant, contact_hash, kind, document_key, expires_at, ended_at IS NOT NULL AS ended, expires_at <= now() AS expired
           FROM folio_portal_sessions WHERE id_hash = $1`,
        [tokenHash(cookieValue)],
      );
      const row = rows[0];
      if (!row) return { ok: false, reason: 'forged' };
      if (row.ended) return { ok: false, reason: 'ended' };
      if (row.expired) return { ok: false, reason: 'expired' };
      if (row.tenant !== tenant) return { ok: false, reason: 'other-tenant' };
      return {
        ok: true,
        session: { idHash: row.id_hash, tenant: row.tenant, contactHash: row.contact_hash, kind: row.kind, documentKey: row.document_key, expiresAt: new Date(row.expires_at) },
      };
    },

    async end(idHash: string): Promise<void> {
      await db.query(`UPDATE folio_portal_sessions SET ended_at = now() WHERE id_hash = $1`, [idHash]);
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;

/** The session cookie: HTTP-only, SameSite=Lax (a link from a mail must arrive signed in), Secure on https. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/portal; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
