import type { NextFunction, Request, Response } from 'express';
import type { TokenStore } from './tokens.ts';

/** Every API but /oauth/token needs `Authorization: Bearer <live access token>`; else 401 like Fluent. */
export function requireBearer(tokens: TokenStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = /^bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] && tokens.isLive(match[1])) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="fluent", error="invalid_token"')
      .json({ error: 'invalid_token', error_description: match ? 'Invalid or expired access token' : 'Full authentication is required' });
  };
}
