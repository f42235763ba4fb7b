import type { InvoiceView, ViewParty, ViewTaxed } from './invoice-view.ts';
import { all, attribute, first, text, type XmlNode } from './xml-nodes.ts';

/** A UBL 2.1 Invoice or CreditNote (its root element's content) in EN 16931 terms. */
export function readUbl(root: XmlNode, creditNote: boolean): InvoiceView {
  const lineName = creditNote ? 'CreditNoteLine' : 'InvoiceLine';
  const quantityName = creditNote ? 'CreditedQuantity' : 'InvoicedQuantity';
  const totals = first(root, 'LegalMonetaryTotal');
  const taxTotal = all(root, 'TaxTotal').find((t) => all(t, 'TaxSubtotal').length > 0) ?? first(root, 'TaxTotal');
  return {
    syntax: 'UBL',
    customizationId: text(root, 'CustomizationID'),
    profileId: text(root, 'ProfileID'),
    number: text(root, 'ID'),
    issueDate: text(root, 'IssueDate'),
    typeCode: text(root, creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'),
    currency: text(root, 'DocumentCurrencyCode'),
    buyerReference: text(root, 'BuyerReference'),
    purchaseOrder: text(root, 'OrderReference', 'ID'),
    precedingInvoices: all(root, 'BillingReference').flatMap((ref) => text(ref, 'InvoiceDocumentReference', 'ID') ?? []),
    paymentMeans: all(root, 'PaymentMeans').map((means) => ({ code: text(means, 'PaymentMeansCode'), account: text(means, 'PayeeFinancialAccount', 'ID') })),
    paymentTerms: text(root, 'PaymentTerms', 'Note'),
    dueDate: text(root, 'DueDate') ?? text(first(root, 'PaymentMeans'), 'PaymentDueDate'),
    seller: party(first(root, 'AccountingSupplierParty', 'Party')),
    buyer: party(first(root, 'AccountingCustomerParty', 'Party')),
    lines: all(root, lineName).map((line) => ({
      id: text(line, 'ID'),
      name: text(line, 'Item', 'Name'),
      net: text(line, 'LineExtensionAmount'),
      quantity: text(line, quantityName),
      price: text(line, 'Price', 'PriceAmount'),
      baseQuantity: text(line, 'Price', 'BaseQuantity'),
      ...taxed(first(line, 'Item', 'ClassifiedTaxCategory')),
    })),
    allowanceCharges: all(root, 'AllowanceCharge').map((ac) => ({
      charge: text(ac, 'ChargeIndicator') === 'true',
      amount: text(ac, 'Amount'),
      reason: text(ac, 'AllowanceChargeReason'),
      reasonCode: text(ac, 'AllowanceChargeReasonCode'),
      ...taxed(first(ac, 'TaxCategory')),
    })),
    breakdown: all(taxTotal, 'TaxSubtotal').map((sub) => ({
      taxable: text(sub, 'TaxableAmount'),
      tax: text(sub, 'TaxAmount'),
      exemptionReason: text(sub, 'TaxCategory', 'TaxExemptionReason'),
      exemptionCode: text(sub, 'TaxCategory', 'TaxExemptionReasonCode'),
      ...taxed(first(sub, 'TaxCategory')),
    })),
    totals: {
      lineNet: text(totals, 'LineExtensionAmount'),
      allowances: text(totals, 'AllowanceTotalAmount'),
      charges: text(totals, 'ChargeTotalAmount'),
      taxExclusive: text(totals, 'TaxExclusiveAmount'),
      tax: text(taxTotal, 'TaxAmount'),
      taxInclusive: text(totals, 'TaxInclusiveAmount'),
      prepaid: text(totals, 'PrepaidAmount'),
      rounding: text(totals, 'PayableRoundingAmount'),
      payable: text(totals, 'PayableAmount'),
    },
  };
}

function taxed(category: XmlNode | undefined): ViewTaxed {
  return { category: text(category, 'ID'), rate: text(category, 'Percent') };
}

function party(node: XmlNode | undefined): ViewParty {
  const address = first(node, 'PostalAddress');
  const endpoint = text(node, 'EndpointID');
  const vat = all(node, 'PartyTaxScheme').find((scheme) => text(scheme, 'TaxScheme', 'ID') === 'VAT');
  return {
    name: text(node, 'PartyLegalEntity', 'RegistrationName'),
    vatId: text(vat, 'CompanyID'),
    legalId: text(node, 'PartyLegalEntity', 'CompanyID'),
    ...(endpoint && { endpoint: { id: endpoint, scheme: attribute(node, 'schemeID', 'EndpointID') } }),
    address: { street: text(address, 'StreetName'), city: text(address, 'CityName'), postcode: text(address, 'PostalZone'), country: text(address, 'Country', 'IdentificationCode') },
    contact: { name: text(node, 'Contact', 'Name'), phone: text(node, 'Contact', 'Telephone'), email: text(node, 'Contact', 'ElectronicMail') },
  };
}
