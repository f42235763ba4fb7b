import { z } from 'zod';
import { positiveInt, required } from './values.ts';

/** Where the connector listens, the links it writes into Fluent, and its HTTP-facing limits. */
export const serverVariables = {
  PORT: z.coerce.number().int().min(0, 'expected a port, 0 to 65535').max(65535, 'expected a port, 0 to 65535').default(8080),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url('expected a URL such as https://folio.acme.example').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Enables /admin (page and API). Unset: admin is off and /admin answers 404. */
  FOLIO_ADMIN_TOKEN: z.string().min(16, 'the admin token needs 16+ characters').optional(),
  FOLIO_WEBHOOK_MAX_BYTES: positiveInt(256 * 1024),
  FOLIO_LINK_KEYS: z
    .string(required('link signing keys, kid:secret[,kid:secret…] with secrets of 32+ characters'))
    .transform((value) => value.split(',').map((pair) => pair.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]+:.{32,}$/, 'each link key is kid:secret with a secret of 32+ characters')).min(1, 'expected at least one kid:secret'))
    .transform((pairs) =>
      pairs.map((pair) => {
        const at = pair.indexOf(':');
        return { kid: pair.slice(0, at), secret: pair.slice(at + 1) };
      }),
    ),
  FOLIO_LINK_TTL_SECONDS: positiveInt(60 * 60 * 24 * 365),
};
