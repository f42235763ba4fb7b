import type { Readable } from 'node:stream';

/** Where a stored document lives: posted back to Fluent as storage details, so never a secret. */
export interface StorageLocation {
  provider: 'local' | 'azure-blob';
  /** Storage account (Azure) or host name (local). */
  account?: string;
  container?: string;
  path: string;
}

export interface StoredObject {
  key: string;
  location: StorageLocation;
  size: number;
  sha256: string;
  contentType: string;
}

export interface PutOptions {
  contentType: string;
  /**
   * Extra metadata kept with the object where the provider has a place for it (Azure Blob metadata), e.g.
   * the document hash and number. The local store keeps none: those facts are in the documents table.
   */
  metadata?: Record<string, string>;
}

/** A store for rendered documents. Keys are relative paths like `ACME/invoice/INV-1.pdf`. */
export interface DocumentStore {
  /** Stores the bytes under key; writing the same key again with the same bytes is a no-op. */
  put(key: string, bytes: Buffer, options: PutOptions): Promise<StoredObject>;
  /** Opens the stored bytes; rejects with a PermanentError when there is no such key. */
  open(key: string): Promise<{ stream: Readable; size: number; contentType: string }>;
  /** True when the store can be reached (readiness). */
  ping(): Promise<boolean>;
  /**
   * Optional: a short-lived URL that reads the object straight from the provider (an Azure SAS URL),
   * so Folio can redirect instead of streaming. Stores without such URLs leave it out.
   */
  sasUrl?(key: string, ttlSeconds: number, options?: ReadUrlOptions): Promise<string>;
}

export interface ReadUrlOptions {
  /** How the browser should treat the file: shown (`inline`) or saved (`attachment`, the default). */
  disposition?: 'inline' | 'attachment';
  /** File name offered when saving; defaults to the last segment of the key. */
  fileName?: string;
}
