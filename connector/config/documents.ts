import { z } from 'zod';
import { loadCustomDocuments } from '../app/custom-documents.ts';
import { sellerConfigSchema } from '../compose/context.ts';
import { refundPolicySchema } from '../compose/refunds.ts';
import { taxTypeSchema } from '../core/fluent-data/fluent-types.ts';
import { packageInvoiceConfigSchema } from '../compose/package-invoice.ts';
import { jsonText, onOff } from './values.ts';

const DEFAULT_SELLER = '{"name":"Folio Demo Retail Ltd","vatId":"GB123456789","address":{"street":"1 Market Street","city":"London","postcode":"EC1A 1AA","country":"GB"}}';

/** Custom document declarations are configuration too: read from their folder here, once, before the server listens. */
const customDocumentsDir = z
  .string()
  .min(1)
  .default('config/custom-documents')
  .transform((dir, ctx) => {
    try {
      return { dir, documents: loadCustomDocuments(dir) };
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/London');

/** What documents say and how they are made: the seller, refunds, package invoices, custom documents, defaults. */
export const documentVariables = {
  /** The seller block on documents; numbers are per seller country. */
  FOLIO_SELLER: jsonText(sellerConfigSchema, '{"name":"…","vatId":"…","address":{"country":"GB"}}').prefault(DEFAULT_SELLER),
  FOLIO_REFUND_POLICY: jsonText(refundPolicySchema, '{"tenderOrder":["GIFT_CARD"],"shipping":"proportional"}').prefault('{}'),
  FOLIO_PACKAGE_INVOICES: onOff('off'),
  FOLIO_PACKAGE_INVOICE_CONFIG: jsonText(packageInvoiceConfigSchema, '{"shipping":"first_package","codFeePerPackageMinor":300}').prefault('{}'),
  FOLIO_SHIPPING_TAX_TYPE: jsonText(taxTypeSchema, '{"country":"GB","group":"VAT","tariff":"STANDARD"}').optional(),
  FOLIO_SHIPMENT_NOTE_PRICES: onOff('off'),
  FOLIO_CUSTOM_DOCUMENTS_DIR: customDocumentsDir,
  FOLIO_DEFAULT_LOCALE: z.string().min(1).default('en'),
  FOLIO_DEFAULT_TIME_ZONE: timeZone.default('UTC'),
};
