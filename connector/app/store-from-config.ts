import { join } from 'node:path';
import type { FolioConfig } from '../config.ts';
import { createAzureBlobStore } from '../store/azure-blob-store.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import { createLocalFileStore } from '../store/local-file-store.ts';

/** Local files under FOLIO_DATA_DIR by default; Azure Blob Storage when FOLIO_STORAGE=azure-blob. */
export function storeFromConfig(config: FolioConfig): DocumentStore {
  if (config.FOLIO_STORAGE === 'azure-blob') {
    return createAzureBlobStore({
      connectionString: config.AZURE_STORAGE_CONNECTION_STRING!,
      container: config.FOLIO_AZURE_CONTAINER,
      layout: config.FOLIO_AZURE_LAYOUT,
    });
  }
  return createLocalFileStore({ root: join(config.FOLIO_DATA_DIR, 'files') });
}
