import { PermanentError } from '../core/errors.ts';
import type { DocumentModel } from '../core/document-model.ts';
import type { EInvoiceFile, EInvoiceInput, EInvoiceIssuer, EInvoiceTarget } from '../core/ports/einvoice-issuer.ts';
import { checkBusinessRules, type RuleViolation } from './business-rules.ts';
import { buyerFormats, buyerTerms } from './buyer-attributes.ts';
import { EINVOICE_DOCUMENT_TYPES, FORMAT_SPECS, type EInvoiceFormat } from './formats.ts';
import { readInvoiceXml } from './read-einvoice.ts';
import { EInvoiceRenderError, renderEInvoice } from './render-einvoice.ts';
import type { EInvoiceTerms, SellerTerms } from './terms.ts';
import { ciusOfTerms, toInvoiceJson } from './to-invoice-json.ts';

export interface EInvoiceSettings {
  /** Formats by tenant key: `*`, `ACCOUNT` or `ACCOUNT:RETAILER` (FOLIO_EINVOICE_FORMATS). */
  formats: Readonly<Record<string, readonly EInvoiceFormat[]>>;
  seller: SellerTerms;
}

/** Stands in for the number while checking: the document takes its number only once it passed. */
const UNNUMBERED = 'UNNUMBERED';

/** The retailer's formats, most specific key first; a buyer's own attribute overrides them. */
export function formatsFor(settings: EInvoiceSettings, accountId: string, retailerId: string, data: unknown): EInvoiceFormat[] {
  const own = buyerFormats(data);
  if (own) return own;
  const configured = settings.formats[`${accountId}:${retailerId}`] ?? settings.formats[accountId] ?? settings.formats['*'] ?? [];
  return [...configured];
}

export function isEInvoiceDocument(model: DocumentModel): boolean {
  return (EINVOICE_DOCUMENT_TYPES as readonly string[]).includes(model.type);
}

/**
 * Checks one format's invoice data the way it will be issued: written by the library (as CII, which needs
 * no Peppol-only fields to be written at all), read back, and run through the business rules of its CIUS.
 */
export async function checkFormat(model: DocumentModel, number: string, terms: EInvoiceTerms, format: EInvoiceFormat): Promise<RuleViolation[]> {
  const xml = await renderEInvoice(toInvoiceJson({ model, number, terms, format }), 'cii');
  return checkBusinessRules(readInvoiceXml(xml.toString('utf8')), ciusOfTerms(format, terms), { creditNote: model.type === 'credit_note' });
}

/** The reason Fluent shows for a refused e-invoice: the rule ids first, then what each says. */
export function refusalReason(format: EInvoiceFormat, violations: readonly RuleViolation[]): string {
  const ids = [...new Set(violations.map((v) => v.id))];
  return `e-invoice (${format}) refused, EN 16931 rules ${ids.join(', ')}: ${violations.map((v) => `${v.id} ${v.message}`).join('; ')}`;
}

export function createEInvoiceIssuer(settings: EInvoiceSettings): EInvoiceIssuer {
  const termsOf = (data: unknown): EInvoiceTerms => ({ seller: settings.seller, buyer: buyerTerms(data) });
  return {
    async check({ model, data, event }: EInvoiceInput): Promise<EInvoiceTarget[]> {
      if (!isEInvoiceDocument(model)) return [];
      const formats = formatsFor(settings, event.accountId, event.retailerId, data);
      const terms = termsOf(data);
      for (const format of formats) {
        let violations: RuleViolation[];
        try {
          violations = await checkFormat(model, UNNUMBERED, terms, format);
        } catch (error) {
          if (error instanceof EInvoiceRenderError) throw new PermanentError(`e-invoice (${format}) cannot be written: ${error.message}`, { cause: error, details: { step: 'einvoice' } });
          throw error;
        }
        if (violations.length > 0) {
          throw new PermanentError(refusalReason(format, violations), { details: { step: 'einvoice', rule: [...new Set(violations.map((v) => v.id))].join(',') } });
        }
      }
      return formats.map((format) => ({ format, suffix: FORMAT_SPECS[format].suffix, contentType: FORMAT_SPECS[format].contentType }));
    },
    async issue({ model, data, number, pdf }, targets): Promise<EInvoiceFile[]> {
      const terms = termsOf(data);
      const files: EInvoiceFile[] = [];
      for (const target of targets) {
        const format = target.format as EInvoiceFormat;
        const invoice = toInvoiceJson({ model: { ...model, number }, number, terms, format });
        const bytes = await renderEInvoice(invoice, format, { pdf, lang: model.locale });
        files.push({ ...target, bytes });
      }
      return files;
    },
  };
}
