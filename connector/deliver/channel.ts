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
  /** Publicly fetchable URL Twilio downloads as media (WhatsApp/MMS); the download link by default. */
  mediaUrl?: string;
  bytes?: Buffer;
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

export interface Channel {
  readonly name: ChannelName;
  /** Resolves with the provider's id; rejects with RetryableError or PermanentError. */
  send(message: ChannelMessage): Promise<{ providerId: string }>;
  close?(): void | Promise<void>;
}
