import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { signatureHeader } from '../../connector/webhooks/signature.ts';

type Verify = (secret: string, rawBody: string, header: string, toleranceSeconds?: number) => boolean;

// The receiver's snippet in README ("Outbound webhooks") is what integrators copy: run it as written.
it('README’s verification snippet accepts Folio’s signature and refuses a changed body or an old timestamp', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Outbound webhooks'));
  const snippet = /```js\n([\s\S]*?)```/.exec(section)![1]!;
  const dir = await mkdtemp(join(tmpdir(), 'folio-snippet-'));
  try {
    const file = join(dir, 'verify.mjs');
    await writeFile(file, snippet);
    const { verifyFolioSignature } = (await import(pathToFileURL(file).href)) as { verifyFolioSignature: Verify };
    const secret = 'whsec_for-the-readme-test';
    const body = '{"id":"evt_1","type":"document.generated"}';
    const now = Math.floor(Date.now() / 1000);
    expect(verifyFolioSignature(secret, body, signatureHeader(secret, body, now))).toBe(true);
    expect(verifyFolioSignature(secret, `${body}\n`, signatureHeader(secret, body, now))).toBe(false);
    expect(verifyFolioSignature('whsec_other', body, signatureHeader(secret, body, now))).toBe(false);
    expect(verifyFolioSignature(secret, body, signatureHeader(secret, body, now - 3600))).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
