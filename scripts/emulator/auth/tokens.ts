import { randomUUID } from 'node:crypto';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Access tokens (UUIDs like Fluent's) that expire after a TTL, and refresh tokens that work once
 * ("Refresh tokens are single-use", REFERENCE.md §3).
 */
export class TokenStore {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();

  constructor(private readonly ttlSeconds: number) {}

  issue(): IssuedTokens {
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    this.access.set(accessToken, Date.now() + this.ttlSeconds * 1000);
    this.refresh.add(refreshToken);
    return { accessToken, refreshToken, expiresIn: this.ttlSeconds };
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working. */
  redeem(refreshToken: string): IssuedTokens | undefined {
    if (!this.refresh.delete(refreshToken)) return undefined;
    return this.issue();
  }

  isLive(accessToken: string): boolean {
    const expiresAt = this.access.get(accessToken);
    if (expiresAt === undefined) return false;
    if (expiresAt > Date.now()) return true;
    this.access.delete(accessToken);
    return false;
  }
}
