import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import type { DocumentStore } from '../../connector/core/ports/document-store.ts';

const pdf = Buffer.from('%PDF-1.7\n% a tiny stand-in for a rendered invoice\n');

async function readAll(store: DocumentStore, key: string): Promise<Buffer> {
  const { stream } = await store.open(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('local file store', () => {
  let root: string;
  let store: DocumentStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'folio-store-'));
    store = createLocalFileStore({ root });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores bytes with their sha256 and a location that names only the path', async () => {
    const stored = await store.put('ACME/invoice/INV-1.pdf', pdf, { contentType: 'application/pdf' });
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(stored.size).toBe(pdf.length);
    expect(stored.location).toMatchObject({ provider: 'local', path: join(root, 'ACME/invoice/INV-1.pdf') });
    expect(await readFile(join(root, 'ACME/invoice/INV-1.pdf'))).toEqual(pdf);
  });

  it('opens what it stored with size and content type', async () => {
    await store.put('ACME/invoice/INV-2.xml', Buffer.from('<Invoice/>'), { contentType: 'application/xml' });
    const opened = await store.open('ACME/invoice/INV-2.xml');
    expect(opened).toMatchObject({ size: 10, contentType: 'application/xml' });
    expect((await readAll(store, 'ACME/invoice/INV-2.xml')).toString()).toBe('<Invoice/>');
  });

  it('leaves no temp files behind (write is temp + rename) and makes no file beside the document', async () => {
    await store.put('ACME/invoice/INV-3.pdf', pdf, { contentType: 'application/pdf', metadata: { number: 'INV-3' } });
    expect(await readdir(join(root, 'ACME/invoice'))).toEqual(['INV-3.pdf']);
    expect(await readdir(root)).toEqual(['ACME']);
  });

  it('refuses a content type its key does not name, since a file keeps only its name', async () => {
    const put = store.put('ACME/invoice/INV-7.pdf', Buffer.from('<Invoice/>'), { contentType: 'application/xml' });
    await expect(put).rejects.toBeInstanceOf(PermanentError);
    await expect(put).rejects.toThrow('local store: ACME/invoice/INV-7.pdf is named as application/pdf, not application/xml');
    await expect(stat(join(root, 'ACME/invoice/INV-7.pdf'))).rejects.toThrow('ENOENT');
  });

  it('makes a directory again when it was removed after the store made it', async () => {
    await store.put('ACME/invoice/INV-5.pdf', pdf, { contentType: 'application/pdf' });
    // An operator clears the folder while the connector runs.
    await rm(join(root, 'ACME'), { recursive: true });
    await store.put('ACME/invoice/INV-6.pdf', pdf, { contentType: 'application/pdf' });
    expect(await readFile(join(root, 'ACME/invoice/INV-6.pdf'))).toEqual(pdf);
    expect(await store.open('ACME/invoice/INV-6.pdf')).toMatchObject({ size: pdf.length, contentType: 'application/pdf' });
  });

  it('does not rewrite the file when the same bytes are stored again', async () => {
    await store.put('ACME/invoice/INV-4.pdf', pdf, { contentType: 'application/pdf' });
    const before = (await stat(join(root, 'ACME/invoice/INV-4.pdf'))).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.put('ACME/invoice/INV-4.pdf', pdf, { contentType: 'application/pdf' });
    expect((await stat(join(root, 'ACME/invoice/INV-4.pdf'))).mtimeMs).toBe(before);
  });

  it('replaces the file when different bytes are stored under the key', async () => {
    await store.put('ACME/invoice/INV-5.pdf', pdf, { contentType: 'application/pdf' });
    const second = await store.put('ACME/invoice/INV-5.pdf', Buffer.from('v2'), { contentType: 'application/pdf' });
    expect(second.size).toBe(2);
    expect((await readAll(store, 'ACME/invoice/INV-5.pdf')).toString()).toBe('v2');
    // Same size, other bytes: compared by hash, not by size.
    const third = await store.put('ACME/invoice/INV-5.pdf', Buffer.from('v3'), { contentType: 'application/pdf' });
    expect(third.sha256).toBe(createHash('sha256').update('v3').digest('hex'));
    expect((await readAll(store, 'ACME/invoice/INV-5.pdf')).toString()).toBe('v3');
  });

  it.each(['../escape.pdf', 'ACME/../../escape.pdf', '/etc/passwd', 'ACME\\..\\x.pdf', 'ACME//x.pdf', '.folio-meta/x.json', 'ACME/x\u0000.pdf', ''])(
    'rejects the unsafe key %j',
    async (key) => {
      await expect(store.put(key, pdf, { contentType: 'application/pdf' })).rejects.toBeInstanceOf(PermanentError);
      await expect(store.open(key)).rejects.toBeInstanceOf(PermanentError);
    },
  );

  it('answers an unknown key with a PermanentError', async () => {
    await expect(store.open('ACME/invoice/missing.pdf')).rejects.toThrow(PermanentError);
  });

  it('is ready when its root can be created', async () => {
    expect(await store.ping()).toBe(true);
  });
});
