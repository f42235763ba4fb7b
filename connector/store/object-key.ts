import { PermanentError } from '../core/errors.ts';

/**
 * Keys come from Fluent data (retailer, document type, number), so they are untrusted input. A key is
 * accepted only as a plain relative path: no absolute paths, no `.`/`..` or hidden segments (which also
 * keeps keys clear of the local store's temp files and of the `.folio-meta` folder older versions kept),
 * no backslashes or control characters.
 */
const SEGMENT = /^[A-Za-z0-9_@=+,~-][A-Za-z0-9_.@=+,~ -]*$/;

export function assertSafeKey(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0 || key.length > 1024) {
    throw new PermanentError(`invalid document key: must be 1–1024 characters`);
  }
  const segments = key.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment.endsWith(' ') || segment.endsWith('.')) {
      throw new PermanentError(`invalid document key ${JSON.stringify(key)}: segment ${JSON.stringify(segment)} is not allowed`);
    }
  }
  return segments;
}

/** The retailer a key belongs to: keys are laid out `<retailer>/<documentType>/<file>`. */
export function retailerOfKey(key: string): string {
  return assertSafeKey(key)[0]!;
}

/** The file name shown to the person who downloads the document. */
export function fileNameOfKey(key: string): string {
  return assertSafeKey(key).at(-1)!;
}
