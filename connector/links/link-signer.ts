import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';

export type LinkPurpose = 'view' | 'download';

export interface LinkKey {
  /** Key id, written in the token header so old links verify after the active key rotates. */
  kid: string;
  secret: string;
}

export interface LinkSignerOptions {
  /** Every key that may still verify links; the active one signs new links. Remove a key to kill its links. */
  keys: LinkKey[];
  activeKid: string;
  ttlSeconds: number;
  /** Public origin (and path) of Folio, e.g. `https://folio.example.com`. */
  baseUrl: string;
  /** Clock in epoch milliseconds; tests move it. */
  now?: () => number;
}

/** What a link grants, once its token verified. */
export interface LinkClaims {
  documentKey: string;
  tenant: string;
  purpose: LinkPurpose;
  jti: string;
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  fileName?: string;
}

export interface LinkedDocument {
  key: string;
  /** The Fluent account (retailer) the document belongs to. */
  tenant: string;
  /** File name offered on download; the key's last segment otherwise. */
  fileName?: string;
}

export type LinkFailure = 'malformed' | 'unknown-key' | 'bad-signature' | 'expired';

/** Why a token was refused; `claims` is set only when the signature checked out (expired tokens). */
export class LinkTokenError extends Error {
  constructor(
    readonly reason: LinkFailure,
    message: string,
    readonly claims?: LinkClaims,
  ) {
    super(message);
    this.name = 'LinkTokenError';
  }
}

export interface LinkSigner {
  sign(document: LinkedDocument, purpose: LinkPurpose): string;
  linksFor(document: LinkedDocument): { viewUrl: string; downloadUrl: string; expiresAt: Date };
  verify(token: string): LinkClaims;
}

const ISSUER = 'folio';
const AUDIENCE = 'folio-documents';
/** HS256 keys shorter than the hash output are guessable offline from one leaked link. */
const MIN_SECRET_BYTES = 32;

interface Payload {
  sub: string;
  ten: string;
  pur: LinkPurpose;
  fn?: string;
  jti: string;
  iat: number;
  exp: number;
}

export function createLinkSigner(options: LinkSignerOptions): LinkSigner {
  const keys = new Map(options.keys.map((key) => [key.kid, key.secret]));
  for (const [kid, secret] of keys) {
    if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new Error(`link key ${kid}: secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const activeSecret = keys.get(options.activeKid);
  if (!activeSecret) throw new Error(`link keys: active key ${options.activeKid} is not among the keys`);
  // A key object, made once: given text, jsonwebtoken first tries (and fails) to parse it as a private key, on every sign.
  const activeKey = createSecretKey(Buffer.from(activeSecret));
  if (!(options.ttlSeconds > 0)) throw new Error('link keys: ttlSeconds must be positive');
  const now = options.now ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');

  function sign(document: LinkedDocument, purpose: LinkPurpose): string {
    const iat = Math.floor(now() / 1000);
    const payload: Payload = { sub: document.key, ten: document.tenant, pur: purpose, jti: randomUUID(), iat, exp: iat + options.ttlSeconds };
    if (document.fileName) payload.fn = document.fileName;
    return jwt.sign(payload, activeKey, { algorithm: 'HS256', keyid: options.activeKid, issuer: ISSUER, audience: AUDIENCE });
  }

  function verify(token: string): LinkClaims {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new LinkTokenError('malformed', 'the link is not a Folio link');
    const kid = decoded.header.kid;
    const secret = kid === undefined ? undefined : keys.get(kid);
    if (!secret) throw new LinkTokenError('unknown-key', `the link was signed with a key Folio no longer accepts (${kid ?? 'none'})`);
    try {
      const payload = jwt.verify(token, secret, {
        // Pinning the algorithm stops `alg: none` and algorithm-confusion tokens.
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(now() / 1000),
      }) as Payload;
      return claimsOf(payload);
    } catch (error) {
      // jsonwebtoken checks the signature before the expiry, so an expired token's claims are genuine.
      if (error instanceof jwt.TokenExpiredError) {
        throw new LinkTokenError('expired', 'the link has expired', claimsOf(decoded.payload as Payload));
      }
      throw new LinkTokenError('bad-signature', `the link does not verify (${(error as Error).message})`);
    }
  }

  return {
    sign,
    verify,
    linksFor(document) {
      const expiresAt = new Date((Math.floor(now() / 1000) + options.ttlSeconds) * 1000);
      return {
        viewUrl: `${base}/documents/view?t=${sign(document, 'view')}`,
        downloadUrl: `${base}/documents/download?t=${sign(document, 'download')}`,
        expiresAt,
      };
    },
  };
}

function claimsOf(payload: Payload): LinkClaims {
  if (typeof payload.sub !== 'string' || typeof payload.ten !== 'string' || (payload.pur !== 'view' && payload.pur !== 'download')) {
    throw new LinkTokenError('malformed', 'the link lacks its document, tenant or purpose');
  }
  const claims: LinkClaims = { documentKey: payload.sub, tenant: payload.ten, purpose: payload.pur, jti: payload.jti, issuedAt: payload.iat, expiresAt: payload.exp };
  if (typeof payload.fn === 'string') claims.fileName = payload.fn;
  return claims;
}
