import type { LinkKey } from '../../../connector/links/link-signer.ts';

/** Two test keys, so rotation can be exercised: k1 is the old key, k2 the new one. */
export const OLD_KEY: LinkKey = { kid: 'k1', secret: 'test-secret-k1-0123456789abcdef0123456789' };
export const NEW_KEY: LinkKey = { kid: 'k2', secret: 'test-secret-k2-0123456789abcdef0123456789' };
