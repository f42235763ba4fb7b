import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';
import { createSampleInvoice } from '../../scripts/demo/sample-invoice.ts';
import { startLoop, type Loop } from '../e2e/loop-harness.ts';
import { runFolio } from './support/run-folio.ts';

describe('folio links revoke', () => {
  let loop: Loop;
  let invoiceRef: string;
  let viewUrl: string;
  beforeAll(async () => {
    loop = await startLoop();
    const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix: 'REVOKE-1' });
    invoiceRef = created.invoiceRef;
    viewUrl = String((await loop.documentFor(invoiceRef)).attributes[ATTRIBUTE.viewUrl]);
    expect((await fetch(viewUrl)).status).toBe(200);
    // The embedded database belongs to one process at a time: stop the connector, revoke, start it again.
    await loop.connector.close();
  });
  afterAll(async () => {
    await loop?.close();
  });

  it('withdraws the links already issued, with the reason in the audit trail', async () => {
    const env = { FOLIO_DATA_DIR: loop.config.FOLIO_DATA_DIR };
    const run = await runFolio(['links', 'revoke', invoiceRef, '--reason', 'sent to the wrong address'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/revoked every link issued so far for ACME\/1\/invoice\/.+\.pdf/);

    await loop.restart();
    const response = await fetch(viewUrl);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Link withdrawn');

    await loop.connector.close();
    const audit = await runFolio(['audit', invoiceRef], { env });
    expect(audit.stdout).toContain('revoked');
    expect(audit.stdout).toContain('sent to the wrong address');
    await loop.restart();
  });

  it('says what is wrong when there is no such document', async () => {
    await loop.connector.close();
    const run = await runFolio(['links', 'revoke', 'NOPE'], { env: { FOLIO_DATA_DIR: loop.config.FOLIO_DATA_DIR } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no stored document for NOPE');
    await loop.restart();
  });
});
