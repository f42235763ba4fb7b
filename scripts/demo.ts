/**
 * npm run demo — the whole loop on embedded defaults: a local Fluent emulator and the connector
 * (PGlite, local files, Chromium) on loopback. It creates a billing account, an order and an invoice
 * through GraphQL, which fires the workflow; the connector renders, stores and reports; the demo then
 * prints the invoice's attributes as Fluent shows them, shows the email a local mail server received,
 * and ends with one JSON line.
 */
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { startConnector } from '../connector/app/start-connector.ts';
import { ATTRIBUTE, DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../connector/fluent/contract.ts';
import { FluentHttpClient } from '../connector/fetch/fluent-http-client.ts';
import { createLogger } from '../connector/log.ts';
import { embeddedConfig } from './demo/local-config.ts';
import { readInvoice } from './demo/read-invoice.ts';
import { produceAllDocuments } from './demo/all-documents.ts';
import { DEMO_BUYER, DEMO_EINVOICES, einvoiceLines } from './demo/einvoices.ts';
import { createSampleInvoice } from './demo/sample-invoice.ts';
import { waitFor } from './demo/wait-for.ts';
import { startSmtpSink } from './dev/smtp-sink.ts';
import { startEmulator } from './emulator/index.ts';

const dataDir = 'var/demo';
rmSync(dataDir, { recursive: true, force: true });

const emulator = await startEmulator();
// A local mail server stands in for the retailer's: delivered emails land in var/demo/mail as .eml files.
const smtp = await startSmtpSink({ saveTo: `${dataDir}/mail` });
const config = embeddedConfig(emulator, {
  FOLIO_DATA_DIR: dataDir,
  FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  FOLIO_EMAIL_FROM: 'Folio Demo Retail <documents@demo.folio.test>',
  ...DEMO_EINVOICES,
});
const connector = await startConnector(config, { logger: createLogger({ level: 'warn' }) });
emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `${connector.url}/fluent/webhook` });
console.log(`Fluent emulator  ${emulator.url}  (account ${emulator.accountId})`);
console.log(`Folio connector  ${connector.url}  (database: ${connector.db.engine}, files: ${dataDir}/files)`);

let exitCode = 0;
try {
  const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: 'DEMO-1', customer: DEMO_BUYER });
  console.log(`created invoice ${created.invoiceRef} for ${created.customerName} (order ${created.orderRef}); waiting for the loop…`);

  const invoice = await waitFor('the invoice to get its document', async () => {
    const state = await readInvoice(fluent, created.invoiceRef);
    // Generated and delivered (the delivery is reported after the links), or failed.
    const done = state?.status === STATUS.failed || (state?.status === STATUS.generated && state.attributes[ATTRIBUTE.deliveryStatus] !== undefined);
    return done ? state : undefined;
  });
  console.log(`\ninvoice ${invoice.ref} is ${invoice.status}; its attributes in Fluent:`);
  for (const [name, value] of Object.entries(invoice.attributes)) console.log(`  ${name} = ${typeof value === 'string' ? value : JSON.stringify(value)}`);

  const mail = await waitFor('the invoice email', async () => (smtp.messages.length > 0 ? smtp.messages[0] : undefined));
  console.log(`\nemailed to ${mail.to && 'text' in mail.to ? mail.to.text : '?'}: "${mail.subject}" with ${mail.attachments.map((a) => a.filename).join(', ')} (saved as ${dataDir}/mail/001.eml)`);

  console.log('\nevery other document type, through the emulator:');
  const others = await produceAllDocuments({ emulator, fluent, connectorUrl: connector.url, invoice: created, log: console.log });
  const othersFailed = others.filter((d) => d.reply.outcome === 'failed').length;
  const failed = (invoice.status === STATUS.failed ? 1 : 0) + othersFailed;
  const storage = invoice.attributes[ATTRIBUTE.storage] as { path?: string } | undefined;
  const pdf = storage?.path ? relative(process.cwd(), storage.path) : null;
  console.log('\ne-invoices (EN 16931) beside the PDFs:');
  for (const line of einvoiceLines([{ label: 'invoice', attributes: invoice.attributes }, ...others.map((d) => ({ label: d.label, attributes: d.reply.attributes }))])) console.log(line);
  if (pdf) console.log(`\nPDF: ${pdf}`);
  const viewUrl = invoice.attributes[ATTRIBUTE.viewUrl];
  if (typeof viewUrl === 'string') {
    const response = await fetch(viewUrl);
    console.log(`view link answers HTTP ${response.status} ${response.headers.get('content-type')} (${(await response.arrayBuffer()).byteLength} bytes)`);
  }
  exitCode = failed;
  console.log(JSON.stringify({ documents: (invoice.status === STATUS.failed ? 0 : 1) + others.length - othersFailed, failed, pdf }));
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await connector.close();
  await emulator.close();
  await smtp.close();
}
process.exit(exitCode);
