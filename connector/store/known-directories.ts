import { mkdir } from 'node:fs/promises';

/**
 * Directories a store has made or found. A document's directory (account/retailer/kind) is shared by
 * thousands of documents, so it is created once rather than on every write: each mkdir is a trip through
 * libuv's thread pool. A directory removed behind the store's back shows up as ENOENT on the next file
 * made in it; the writer then forgets it and makes it again (ensureAfterMissing).
 */
export class KnownDirectories {
  private readonly known = new Set<string>();

  /** Enough for every account × retailer × kind in practice; past it, the set starts over. */
  constructor(private readonly capacity = 4096) {}

  async ensure(path: string): Promise<void> {
    if (this.known.has(path)) return;
    await mkdir(path, { recursive: true });
    if (this.known.size >= this.capacity) this.known.clear();
    this.known.add(path);
  }

  /** The directory turned out to be missing: make it again. */
  async ensureAfterMissing(path: string): Promise<void> {
    this.known.delete(path);
    await this.ensure(path);
  }
}
