/**
 * Folio's side of the contract with Fluent: event, status, attribute and setting names that the
 * workflows, the rule plugin, the emulator and the connector must all agree on. Facts that
 * REFERENCE.md marks INFERRED are kept here and only here, so a wrong guess is a one-line change.
 */

/** Name of the webhook event Folio's workflows send (the `name` in the JSON setting). */
export const DOCUMENT_REQUESTED_EVENT = 'FolioDocumentRequested';
/** Events the connector posts back through the Event API. */
export const DOCUMENT_GENERATED_EVENT = 'FolioDocumentGenerated';
export const DOCUMENT_FAILED_EVENT = 'FolioDocumentFailed';
/** Raised by the OMS retry user action; asks for the document again. */
export const DOCUMENT_RETRY_EVENT = 'FolioRetryDocument';

/** Workflow statuses Folio adds to document-bearing entities. */
export const STATUS = {
  requested: 'DOCUMENT_REQUESTED',
  generated: 'DOCUMENT_GENERATED',
  failed: 'DOCUMENT_FAILED',
} as const;

/** Where the connector receives webhooks (connector/receive/webhook-handler.ts); `folio fluent stamp` puts it in the setting. */
export const WEBHOOK_PATH = '/fluent/webhook';

/** Setting that holds the connector endpoint for core.SendWebhook: `{"name": <event>, "url": <endpoint>}`. */
export const WEBHOOK_SETTING_NAME = 'folio.webhook';

/**
 * Attribute names written onto the Fluent entity. The rule plugin's ApplyDocumentUpdate copies only
 * these (an allow-list), so the connector cannot write anything else onto an entity.
 */
export const ATTRIBUTE = {
  documentType: 'folioDocumentType',
  documentNumber: 'folioDocumentNumber',
  viewUrl: 'folioViewUrl',
  downloadUrl: 'folioDownloadUrl',
  fileName: 'folioFileName',
  storage: 'folioStorage',
  sha256: 'folioSha256',
  generatedOn: 'folioGeneratedOn',
  failureReason: 'folioFailureReason',
  failedOn: 'folioFailedOn',
  deliveryStatus: 'folioDeliveryStatus',
  deliveredVia: 'folioDeliveredVia',
  deliveredOn: 'folioDeliveredOn',
  /** Credit notes and return confirmations: how the refund goes back by tender (connector/compose/refund-plan.ts). */
  refundPlan: 'folioRefundPlan',
  /** Invoices and credit notes: the e-invoices stored beside the PDF, by format (connector/einvoice/). */
  einvoices: 'folioEInvoices',
} as const;
export const ATTRIBUTE_ALLOW_LIST: readonly string[] = Object.values(ATTRIBUTE);

const JSON_ATTRIBUTES: ReadonlySet<string> = new Set([ATTRIBUTE.storage, ATTRIBUTE.refundPlan, ATTRIBUTE.einvoices]);

/** Fluent's attribute `type` for each of Folio's attributes (free string in Fluent; these are the usual ones). */
export const ATTRIBUTE_TYPE: Record<string, 'STRING' | 'JSON'> = Object.fromEntries(
  ATTRIBUTE_ALLOW_LIST.map((name) => [name, JSON_ATTRIBUTES.has(name) ? 'JSON' : 'STRING']),
);

/**
 * INFERRED (REFERENCE.md §1.2, §10.2): what core.SendWebhook puts in the body. We assume it sends the
 * triggering event with a fresh id, the setting's event name, and the triggering event's attributes.
 */
export const SEND_WEBHOOK_KEEPS_ATTRIBUTES = true;

/**
 * INFERRED (REFERENCE.md §2, §10.3): the async Event API answers `{"id": "<uuid>"}`; the connector reads
 * the id from `id` or `eventId`, whichever is present.
 */
export function eventIdFromEventApiResponse(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['id', 'eventId']) if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}

/** Fluent's webhook retry "fallback formula" (REFERENCE.md §1.4): first retry at once, then 2 s, 4 s, 8 s. */
export const WEBHOOK_RETRY_DELAYS_MS = [0, 2000, 4000, 8000] as const;

/**
 * INFERRED: the largest page (`first`) Fluent's search queries answer; the reconciliation sweep and
 * `folio backfill` page through invoices and credit memos this many at a time.
 */
export const SEARCH_PAGE_SIZE = 100;

/** Signature headers (REFERENCE.md §1.3). Node lower-cases header names. */
export const SIGNATURE_HEADER_SHA512 = 'fluent-signature';
export const SIGNATURE_HEADER_MD5 = 'flex.signature';

/** Entity types that carry documents, and the GraphQL update mutation that writes their attributes. */
export const ENTITY_UPDATE_MUTATION: Record<string, { mutation: string; input: string; key: 'ref' | 'id' }> = {
  INVOICE: { mutation: 'updateInvoice', input: 'UpdateInvoiceInput', key: 'ref' },
  CREDIT_MEMO: { mutation: 'updateCreditMemo', input: 'UpdateCreditMemoInput', key: 'ref' },
  ORDER: { mutation: 'updateOrder', input: 'UpdateOrderInput', key: 'id' },
  FULFILMENT: { mutation: 'updateFulfilment', input: 'UpdateFulfilmentInput', key: 'id' },
  RETURN_ORDER: { mutation: 'updateReturnOrder', input: 'UpdateReturnOrderInput', key: 'ref' },
  // Not in the 2020 schema; current Fluent documents `updatePayment(input: UpdatePaymentInput)` with
  // `UpdatePaymentInput { ref: String!, status, billingAccount, attributes }` (GraphQL reference).
  PAYMENT: { mutation: 'updatePayment', input: 'UpdatePaymentInput', key: 'ref' },
};

/** Attributes the webhook carries (set by the SendDocumentWebhook rule's props or the triggering event). */
export const WEBHOOK_ATTRIBUTE = {
  documentType: 'documentType',
  locale: 'locale',
  timeZone: 'timeZone',
} as const;

/**
 * Workflow setting that decides how Fluent retries a custom rule's webhook (REFERENCE.md §1.4, VERIFIED
 * from Fluent's workflow-settings page). With PRESERVE_EVENT_DETAILS a retry re-sends what the custom
 * rule built (Folio's `documentType`, `locale`); by default the retry is rebuilt by the standard rule
 * FLUENTRETAIL.foundation.SendWebhook from the triggering event, without them. Folio's workflows set it.
 */
export const WEBHOOK_RETRY_METHOD_SETTING = 'fc.rubix.sdk.webhook.retry.method';
export const PRESERVE_EVENT_DETAILS = 'preserve-event-details';

/**
 * INFERRED (not documented): a retry keeps the first attempt's event id, also when the default retry
 * method rebuilds the body ("the same request will be retried", REFERENCE.md §1.4). The connector's
 * inbox de-duplicates by event id, so a wrong guess here could only add a duplicate request.
 */
export const WEBHOOK_RETRY_KEEPS_EVENT_ID = true;

/**
 * GET /api/v4.1/workflow/{retailerId}/{TYPE}::{SUBTYPE} for a workflow the retailer does not have:
 * Fluent's Workflow API documents `404 Unable to find Workflow`. INFERRED: the body is a JSON
 * `{"message": …}` like Fluent's other REST errors; callers rely on the status only.
 */
export const WORKFLOW_NOT_FOUND_STATUS = 404;

/**
 * INFERRED: a workflow read back from Fluent may carry `"version": "1"` (no minor part) and null for
 * optional texts (`versionComment`, `description`), as in Fluent's own published workflow examples.
 */
export const FLUENT_WORKFLOW_VERSION_PATTERN = /^\d+(\.\d+)?$/;
