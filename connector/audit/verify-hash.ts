import type { DocumentStore } from '../core/ports/document-store.ts';
import { sha256OfStream } from '../store/hashing.ts';

export interface HashCheck {
  key: string;
  matches: boolean;
  expected: string;
  actual: string;
  size: number;
}

/** Re-reads the stored file and compares its SHA-256 with the one the audit trail recorded. */
export async function verifyStoredHash(store: DocumentStore, key: string, expectedSha256: string): Promise<HashCheck> {
  const { stream } = await store.open(key);
  const { sha256, size } = await sha256OfStream(stream);
  return { key, matches: sha256 === expectedSha256.toLowerCase(), expected: expectedSha256, actual: sha256, size };
}
