import { z } from 'zod';

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite under FOLIO_DATA_DIR (also the local files' root). */
export const databaseVariables = {
  // An empty value means unset, as in a shell's `DATABASE_URL= folio …`.
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  FOLIO_DATA_DIR: z.string().min(1).default('var'),
};
