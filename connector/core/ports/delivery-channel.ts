export type ChannelName = 'email' | 'sms' | 'whatsapp';
export const CHANNEL_NAMES: readonly ChannelName[] = ['email', 'sms', 'whatsapp'];

/** The document as a message needs it: links always, bytes only when it is attached. */
export interface DeliverableDocument {
  key: string;
  tenant: string;
  /** Fluent entity type of the document (INVOICE, CREDIT_MEMO, …): picks the wording. */
  type: string;
  number?: string;
  fileName: string;
  sha256?: string;
  entityRef?: string;
  viewUrl: string;
  downloadUrl: string;
  /** The order's page in the shopper portal, which lists all its documents; absent when there is none. */
  orderUrl?: string;
  /** Publicly fetchable URL Twilio downloads as media (WhatsApp/MMS); the download link by default. */
  mediaUrl?: string;
  bytes?: Buffer;
  /** Other stored files that may travel with it (the e-invoice XML beside an invoice's PDF). */
  attachments?: { key: string; fileName: string; contentType: string }[];
}

export interface ChannelMessage {
  /** E-mail address or phone number, as the shopper gave it. */
  to: string;
  locale: string;
  document: DeliverableDocument;
  /** Only what a greeting needs; never written to the audit trail or the outbox. */
  shopper?: { firstName?: string };
  /** Stable per document × channel × recipient: lets a provider or mailbox spot a duplicate. */
  idempotencyKey: string;
}

/**
 * A channel's point of no return. A crash before it means the provider never saw the message (safe to
 * send again); a crash after it means the provider may have it (sending again would duplicate it).
 */
export interface SendHooks {
  /**
   * Called once, as late as the provider allows: just before the step that lets it accept the message
   * (SMTP: before the final "."; an HTTP API: before the request). The channel sends only once this
   * resolves — the moment the record of it is safe from this process dying (Database.submit) — and
   * abandons the message, unsent, if it rejects.
   */
  committing(): Promise<void>;
}

/**
 * The connection failed after the point of no return and before the provider answered: the provider may
 * have the message. Sending it again could reach the shopper twice, so the delivery counts as unconfirmed.
 */
export class OutcomeUnknownError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutcomeUnknownError';
  }
}

export interface Channel {
  readonly name: ChannelName;
  /** Resolves with the provider's id; rejects with RetryableError or PermanentError. */
  send(message: ChannelMessage, hooks?: SendHooks): Promise<{ providerId: string }>;
  close?(): void | Promise<void>;
}
