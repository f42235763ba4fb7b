import type { InvoiceView, ViewParty, ViewTaxed } from './invoice-view.ts';
import { all, attribute, first, text, type XmlNode } from './xml-nodes.ts';

/** A UN/CEFACT CII CrossIndustryInvoice (its root element's content) in EN 16931 terms. */
export function readCii(root: XmlNode): InvoiceView {
  const context = first(root, 'ExchangedDocumentContext');
  const document = first(root, 'ExchangedDocument');
  const transaction = first(root, 'SupplyChainTradeTransaction');
  const agreement = first(transaction, 'ApplicableHeaderTradeAgreement');
  const settlement = first(transaction, 'ApplicableHeaderTradeSettlement');
  const totals = first(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const currency = text(settlement, 'InvoiceCurrencyCode');
  // BT-110 is the TaxTotalAmount in the invoice currency (a second one may be in the VAT currency).
  const taxTotal = all(totals, 'TaxTotalAmount').find((t) => t['@currencyID'] === currency) ?? all(totals, 'TaxTotalAmount')[0];
  return {
    syntax: 'CII',
    customizationId: text(context, 'GuidelineSpecifiedDocumentContextParameter', 'ID'),
    profileId: text(context, 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'),
    number: text(document, 'ID'),
    issueDate: text(document, 'IssueDateTime', 'DateTimeString'),
    typeCode: text(document, 'TypeCode'),
    currency,
    buyerReference: text(agreement, 'BuyerReference'),
    purchaseOrder: text(agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID'),
    precedingInvoices: all(settlement, 'InvoiceReferencedDocument').flatMap((ref) => text(ref, 'IssuerAssignedID') ?? []),
    paymentMeans: all(settlement, 'SpecifiedTradeSettlementPaymentMeans').map((means) => ({
      code: text(means, 'TypeCode'),
      account: text(means, 'PayeePartyCreditorFinancialAccount', 'IBANID') ?? text(means, 'PayeePartyCreditorFinancialAccount', 'ProprietaryID'),
    })),
    paymentTerms: text(settlement, 'SpecifiedTradePaymentTerms', 'Description'),
    dueDate: text(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString'),
    seller: party(first(agreement, 'SellerTradeParty')),
    buyer: party(first(agreement, 'BuyerTradeParty')),
    lines: all(transaction, 'IncludedSupplyChainTradeLineItem').map((line) => ({
      id: text(line, 'AssociatedDocumentLineDocument', 'LineID'),
      name: text(line, 'SpecifiedTradeProduct', 'Name'),
      net: text(line, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
      quantity: text(line, 'SpecifiedLineTradeDelivery', 'BilledQuantity'),
      price: text(line, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice', 'ChargeAmount'),
      baseQuantity: text(line, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice', 'BasisQuantity'),
      ...taxed(first(line, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax')),
    })),
    allowanceCharges: all(settlement, 'SpecifiedTradeAllowanceCharge').map((ac) => ({
      charge: text(ac, 'ChargeIndicator', 'Indicator') === 'true',
      amount: text(ac, 'ActualAmount'),
      reason: text(ac, 'Reason'),
      reasonCode: text(ac, 'ReasonCode'),
      ...taxed(first(ac, 'CategoryTradeTax')),
    })),
    breakdown: all(settlement, 'ApplicableTradeTax').map((tax) => ({
      taxable: text(tax, 'BasisAmount'),
      tax: text(tax, 'CalculatedAmount'),
      exemptionReason: text(tax, 'ExemptionReason'),
      exemptionCode: text(tax, 'ExemptionReasonCode'),
      ...taxed(tax),
    })),
    totals: {
      lineNet: text(totals, 'LineTotalAmount'),
      allowances: text(totals, 'AllowanceTotalAmount'),
      charges: text(totals, 'ChargeTotalAmount'),
      taxExclusive: text(totals, 'TaxBasisTotalAmount'),
      tax: taxTotal ? text({ t: taxTotal }, 't') : undefined,
      taxInclusive: text(totals, 'GrandTotalAmount'),
      prepaid: text(totals, 'TotalPrepaidAmount'),
      rounding: text(totals, 'RoundingAmount'),
      payable: text(totals, 'DuePayableAmount'),
    },
  };
}

function taxed(tax: XmlNode | undefined): ViewTaxed {
  return { category: text(tax, 'CategoryCode'), rate: text(tax, 'RateApplicablePercent') };
}

function party(node: XmlNode | undefined): ViewParty {
  const address = first(node, 'PostalTradeAddress');
  const endpoint = text(node, 'URIUniversalCommunication', 'URIID');
  const vat = all(node, 'SpecifiedTaxRegistration').find((registration) => attribute(registration, 'schemeID', 'ID') === 'VA');
  const contact = first(node, 'DefinedTradeContact');
  return {
    name: text(node, 'Name'),
    vatId: text(vat, 'ID'),
    legalId: text(node, 'SpecifiedLegalOrganization', 'ID'),
    ...(endpoint && { endpoint: { id: endpoint, scheme: attribute(node, 'schemeID', 'URIUniversalCommunication', 'URIID') } }),
    address: { street: text(address, 'LineOne'), city: text(address, 'CityName'), postcode: text(address, 'PostcodeCode'), country: text(address, 'CountryID') },
    contact: {
      name: text(contact, 'PersonName') ?? text(contact, 'DepartmentName'),
      phone: text(contact, 'TelephoneUniversalCommunication', 'CompleteNumber'),
      email: text(contact, 'EmailURIUniversalCommunication', 'URIID'),
    },
  };
}
