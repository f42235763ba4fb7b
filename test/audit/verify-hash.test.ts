import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredHash } from '../../connector/audit/verify-hash.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';

const pdf = Buffer.from('%PDF-1.7\n% audited\n');
const recorded = createHash('sha256').update(pdf).digest('hex');

describe('verifyStoredHash', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'folio-verify-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('confirms a stored file whose bytes still match the recorded hash', async () => {
    const store = createLocalFileStore({ root });
    await store.put('ACME/invoice/INV-1.pdf', pdf, { contentType: 'application/pdf' });
    expect(await verifyStoredHash(store, 'ACME/invoice/INV-1.pdf', recorded)).toMatchObject({ matches: true, actual: recorded, size: pdf.length });
  });

  it('detects a file changed behind the store’s back', async () => {
    const store = createLocalFileStore({ root });
    await store.put('ACME/invoice/INV-2.pdf', pdf, { contentType: 'application/pdf' });
    await writeFile(join(root, 'ACME/invoice/INV-2.pdf'), Buffer.from('%PDF-1.7\n% forged\n'));
    const check = await verifyStoredHash(store, 'ACME/invoice/INV-2.pdf', recorded);
    expect(check.matches).toBe(false);
    expect(check.actual).not.toBe(recorded);
  });
});
