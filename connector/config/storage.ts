import { z } from 'zod';

/** Where documents are stored: local files under FOLIO_DATA_DIR, or Azure Blob Storage. */
export const storageVariables = {
  FOLIO_STORAGE: z.enum(['local', 'azure-blob']).default('local'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  FOLIO_AZURE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, 'an Azure container name: 3–63 lower-case letters, digits and dashes')
    .default('folio-documents'),
  FOLIO_AZURE_LAYOUT: z.enum(['prefix', 'container-per-retailer']).default('prefix'),
};

type Storage = z.output<z.ZodObject<typeof storageVariables>>;

/** Settings that only make sense together are checked together. */
export function checkStorage(config: Storage, ctx: z.RefinementCtx): void {
  if (config.FOLIO_STORAGE === 'azure-blob' && !config.AZURE_STORAGE_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'required when FOLIO_STORAGE=azure-blob' });
  }
}
