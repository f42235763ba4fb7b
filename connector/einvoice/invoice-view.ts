/**
 * What Folio's own checks read from an e-invoice, in EN 16931 terms, whatever the syntax (UBL or CII).
 * Amounts stay the decimal text the XML carries, so the checks see what a receiver sees.
 */
export interface ViewParty {
  name?: string;
  vatId?: string;
  legalId?: string;
  endpoint?: { id: string; scheme?: string };
  address: { street?: string; city?: string; postcode?: string; country?: string };
  contact: { name?: string; phone?: string; email?: string };
}

export interface ViewTaxed {
  category?: string;
  rate?: string;
}

export interface ViewLine extends ViewTaxed {
  id?: string;
  name?: string;
  net?: string;
  quantity?: string;
  price?: string;
  baseQuantity?: string;
}

export interface ViewAllowanceCharge extends ViewTaxed {
  charge: boolean;
  amount?: string;
  reason?: string;
  reasonCode?: string;
}

export interface ViewBreakdown extends ViewTaxed {
  taxable?: string;
  tax?: string;
  exemptionReason?: string;
  exemptionCode?: string;
}

export interface InvoiceView {
  syntax: 'UBL' | 'CII';
  customizationId?: string;
  profileId?: string;
  number?: string;
  issueDate?: string;
  typeCode?: string;
  currency?: string;
  buyerReference?: string;
  purchaseOrder?: string;
  precedingInvoices: string[];
  paymentMeans: { code?: string; account?: string }[];
  paymentTerms?: string;
  dueDate?: string;
  seller: ViewParty;
  buyer: ViewParty;
  lines: ViewLine[];
  allowanceCharges: ViewAllowanceCharge[];
  breakdown: ViewBreakdown[];
  totals: {
    lineNet?: string;
    allowances?: string;
    charges?: string;
    taxExclusive?: string;
    tax?: string;
    taxInclusive?: string;
    prepaid?: string;
    rounding?: string;
    payable?: string;
  };
}
