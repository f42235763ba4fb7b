import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { PermanentError, RetryableError } from '../core/errors.ts';
import type { DocumentStore, PutOptions, StoredObject } from '../core/ports/document-store.ts';
import { sha256Hex } from './hashing.ts';
import { KnownDirectories } from './known-directories.ts';
import { assertSafeKey } from './object-key.ts';

export interface LocalFileStoreOptions {
  /** Directory that holds the documents (e.g. `var/documents`). */
  root: string;
}

/** What is kept next to each document, since a plain file has no content type or metadata. */
interface Sidecar {
  contentType: string;
  sha256: string;
  size: number;
  metadata: Record<string, string>;
}

const META_DIR = '.folio-meta';

/** The embedded default store: documents as files under one directory. */
export function createLocalFileStore({ root }: LocalFileStoreOptions): DocumentStore {
  const base = resolve(root);
  // Read once: os.hostname() is a system call, and the host does not change under a running store.
  const account = hostname();
  const directories = new KnownDirectories();

  function pathFor(key: string, under = ''): string {
    const segments = assertSafeKey(key);
    const full = resolve(base, under, ...segments);
    // Belt and braces: the key check already refuses `..`, but a resolved path must never leave the root.
    if (!full.startsWith(base + sep)) throw new PermanentError(`invalid document key ${JSON.stringify(key)}`);
    return full;
  }

  function stored(key: string, path: string, meta: Sidecar): StoredObject {
    return {
      key,
      location: { provider: 'local', account, path },
      size: meta.size,
      sha256: meta.sha256,
      contentType: meta.contentType,
    };
  }

  async function readSidecar(key: string): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await readFile(pathFor(key, META_DIR) + '.json', 'utf8')) as Sidecar;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw asPipelineError(error, `reading metadata of ${key}`);
    }
  }

  return {
    async put(key: string, bytes: Buffer, options: PutOptions): Promise<StoredObject> {
      const path = pathFor(key);
      const meta: Sidecar = {
        contentType: options.contentType,
        sha256: sha256Hex(bytes),
        size: bytes.length,
        metadata: options.metadata ?? {},
      };
      const existing = await readSidecar(key);
      if (existing?.sha256 === meta.sha256 && (await exists(path))) return stored(key, path, existing);
      try {
        // Document first, then its sidecar: a crash in between leaves a readable document whose
        // content type is inferred, never a sidecar that vouches for bytes that are not there.
        await writeAtomically(path, bytes, directories);
        await writeAtomically(pathFor(key, META_DIR) + '.json', Buffer.from(JSON.stringify(meta)), directories);
      } catch (error) {
        throw asPipelineError(error, `storing ${key}`);
      }
      return stored(key, path, meta);
    },

    async open(key: string) {
      const path = pathFor(key);
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PermanentError(`no stored document ${key}`);
        throw asPipelineError(error, `opening ${key}`);
      }
      const meta = await readSidecar(key);
      return { stream: createReadStream(path), size, contentType: meta?.contentType ?? contentTypeOf(key) };
    },

    async ping(): Promise<boolean> {
      try {
        await mkdir(base, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Temp file in the same directory, fsync, then rename: readers see the old file or the new one, never half. */
async function writeAtomically(path: string, bytes: Buffer, directories: KnownDirectories): Promise<void> {
  const directory = dirname(path);
  await directories.ensure(directory);
  const temp = join(directory, `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await directories.ensureAfterMissing(directory);
    return open(temp, 'wx');
  });
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function contentTypeOf(key: string): string {
  if (key.endsWith('.pdf')) return 'application/pdf';
  if (key.endsWith('.xml')) return 'application/xml';
  if (key.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

/** A full disk or a permissions problem needs a person; anything else on a local disk may pass. */
function asPipelineError(error: unknown, doing: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const message = `local store: ${doing} failed (${code ?? (error as Error).message})`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new PermanentError(message, { cause: error });
  }
  return new RetryableError(message, { cause: error });
}
