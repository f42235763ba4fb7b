import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { retailerScopeSchema, scopeCondition, type ScopeFilter } from './retailer-scope.ts';

/** An API key as listed: never its secret, which only create() returns, once. */
export interface ApiKeySummary {
  id: string;
  name: string;
  accountId: string;
  retailerId: string;
  /** The first characters of the secret (`folio_<id>_`), so an operator can tell keys apart. */
  prefix: string;
  /** Requests per minute for this key; null: the default (FOLIO_API_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export interface CreatedApiKey {
  key: ApiKeySummary;
  /** The whole key, `folio_<id>_<secret>`. Shown once: only its SHA-256 is stored. */
  secret: string;
}

export const createApiKeyInputSchema = z.object({
  scope: retailerScopeSchema,
  name: z.string().trim().min(1, 'name the key (who or what uses it)').max(200),
  rateLimitPerMinute: z.number().int().positive().max(1_000_000).optional(),
  /** Who made it (operator identity), for the record. */
  createdBy: z.string().max(200).optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;

export interface ApiKeys {
  create(input: CreateApiKeyInput): Promise<CreatedApiKey>;
  list(filter?: ScopeFilter & { includeRevoked?: boolean }): Promise<ApiKeySummary[]>;
  /** Refused from now on. Undefined when no such key is in the caller's scopes; revoking twice keeps the first record. */
  revoke(id: string, options?: ScopeFilter & { revokedBy?: string }): Promise<ApiKeySummary | undefined>;
  /** The live key a request presented, or undefined (unknown, wrong secret, revoked). */
  authenticate(presented: string): Promise<ApiKeySummary | undefined>;
}

const KEY_PATTERN = /^folio_([a-z]{16})_([A-Za-z0-9_-]{43})$/;

interface Row {
  id: string;
  name: string;
  account_id: string;
  retailer_id: string;
  secret_sha256: string;
  rate_limit_per_minute: number | null;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export function createApiKeys(db: Queryable): ApiKeys {
  return {
    async create(input) {
      const valid = createApiKeyInputSchema.parse(input);
      const id = newKeyId();
      const secret = `folio_${id}_${randomBytes(32).toString('base64url')}`;
      const { rows } = await db.query<Row>(
        `INSERT INTO folio_api_keys (id, name, account_id, retailer_id, secret_sha256, rate_limit_per_minute, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [id, valid.name, valid.scope.accountId, valid.scope.retailerId, sha256(secret), valid.rateLimitPerMinute ?? null, valid.createdBy ?? null],
      );
      return { key: summaryOf(rows[0]!), secret };
    },

    async list(filter = {}) {
      const params: unknown[] = [];
      const where = [scopeCondition(filter.scopes, params), filter.includeRevoked === false ? 'revoked_at IS NULL' : 'TRUE'];
      const { rows } = await db.query<Row>(`SELECT * FROM folio_api_keys WHERE ${where.join(' AND ')} ORDER BY created_at, id`, params);
      return rows.map(summaryOf);
    },

    async revoke(id, options = {}) {
      const params: unknown[] = [id, options.revokedBy ?? null];
      const { rows } = await db.query<Row>(
        `UPDATE folio_api_keys SET revoked_at = COALESCE(revoked_at, now()), revoked_by = CASE WHEN revoked_at IS NULL THEN $2 ELSE revoked_by END
          WHERE id = $1 AND ${scopeCondition(options.scopes, params)} RETURNING *`,
        params,
      );
      return rows[0] && summaryOf(rows[0]);
    },

    async authenticate(presented) {
      const match = KEY_PATTERN.exec(presented);
      if (!match) return undefined;
      const { rows } = await db.query<Row>('SELECT * FROM folio_api_keys WHERE id = $1', [match[1]]);
      const row = rows[0];
      if (!row || row.revoked_at || !timingSafeEqual(Buffer.from(row.secret_sha256, 'hex'), Buffer.from(sha256(presented), 'hex'))) return undefined;
      // Last use to the minute is enough for an operator, and spares a write per request.
      await db.query(`UPDATE folio_api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [row.id]);
      return summaryOf(row);
    },
  };
}

/**
 * 16 random letters (75 bits): no digits, so the id survives the audit trail's phone-number redaction
 * when an access is recorded with its caller.
 */
function newKeyId(): string {
  return Array.from({ length: 16 }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

/** The secret is 256 random bits: a plain SHA-256 cannot be reversed by guessing, unlike a password's. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function summaryOf(row: Row): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    retailerId: row.retailer_id,
    prefix: `folio_${row.id}_`,
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}
