import type { DeliverableDocument } from '../../../connector/core/ports/delivery-channel.ts';

/** Bytes that stand in for a rendered PDF; tests compare attachments against them byte for byte. */
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]), Buffer.from('\n%%EOF\n')]);

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const AUTH_TOKEN = 'twilio-test-auth-token';

let sequence = 0;

/** A fresh document per test, so outbox rows of one test never meet another's. */
export function invoice(overrides: Partial<DeliverableDocument> = {}): DeliverableDocument {
  sequence += 1;
  const number = `INV-${Date.now()}-${sequence}`;
  return {
    key: `ACME/invoice/${number}.pdf`,
    tenant: 'ACME',
    type: 'INVOICE',
    number,
    fileName: `${number}.pdf`,
    sha256: 'c'.repeat(64),
    viewUrl: `https://folio.example.com/documents/view?t=view-${sequence}`,
    downloadUrl: `https://folio.example.com/documents/download?t=download-${sequence}`,
    bytes: PDF,
    ...overrides,
  };
}
