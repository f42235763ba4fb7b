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

/**
 * The embedded default store: documents as files under one directory. A file is all it keeps: its content
 * type comes from its name (Folio's keys end in .pdf or .xml), and the document's number, type and hash
 * live in Folio's own documents table. A sidecar file of metadata per document doubled the files made, the
 * directory updates and the fsyncs of every store, for facts nothing read back.
 */
export function createLocalFileStore({ root }: LocalFileStoreOptions): DocumentStore {
  const base = resolve(root);
  // Read once: os.hostname() is a system call, and the host does not change under a running store.
  const account = hostname();
  const directories = new KnownDirectories();

  function pathFor(key: string): string {
    const segments = assertSafeKey(key);
    const full = resolve(base, ...segments);
    // Belt and braces: the key check already refuses `..`, but a resolved path must never leave the root.
    if (!full.startsWith(base + sep)) throw new PermanentError(`invalid document key ${JSON.stringify(key)}`);
    return full;
  }

  return {
    async put(key: string, bytes: Buffer, options: PutOptions): Promise<StoredObject> {
      const path = pathFor(key);
      const contentType = contentTypeOf(key);
      if (options.contentType !== contentType) {
        throw new PermanentError(`local store: ${key} is named as ${contentType}, not ${options.contentType}; a local file's content type comes from its name`);
      }
      const sha256 = sha256Hex(bytes);
      const object: StoredObject = { key, location: { provider: 'local', account, path }, size: bytes.length, sha256, contentType };
      try {
        if (await holdsBytes(path, bytes.length, sha256)) return object;
        await writeAtomically(path, bytes, directories);
      } catch (error) {
        throw asPipelineError(error, `storing ${key}`);
      }
      return object;
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
      return { stream: createReadStream(path), size, contentType: contentTypeOf(key) };
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

/** True when the file at path has these very bytes (a replay storing its document again). */
async function holdsBytes(path: string, size: number, sha256: string): Promise<boolean> {
  try {
    if ((await stat(path)).size !== size) return false;
    return sha256Hex(await readFile(path)) === sha256;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
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
