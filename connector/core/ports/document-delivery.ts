import type { ChannelName, DeliverableDocument } from './delivery-channel.ts';

/** What Folio knows about the shopper, from Fluent's customer and order. */
export interface ShopperContact {
  email?: string;
  phone?: string;
  /** A separate WhatsApp number; the phone number otherwise. */
  whatsapp?: string;
  preferredChannel?: ChannelName;
  locale?: string;
  firstName?: string;
}

export interface ChannelOutcome {
  channel: ChannelName;
  outcome: 'sent' | 'already-sent' | 'unconfirmed' | 'failed' | 'unavailable';
  providerId?: string;
  error?: string;
}

/** What the caller writes back to Fluent: which channel delivered, or why none could. */
export interface DeliveryResult {
  /** unconfirmed: an earlier run died while the provider took the message; presumed sent (outbox.ts). */
  status: 'sent' | 'already-sent' | 'unconfirmed' | 'failed' | 'no-channel';
  channel?: ChannelName;
  providerId?: string;
  tried: ChannelOutcome[];
}

/** Sends a stored document to the shopper, at most once per channel and recipient (the outbox). */
export interface DocumentDelivery {
  deliver(input: {
    document: DeliverableDocument;
    shopper: ShopperContact;
    locale: string;
    retailer: string;
    documentType: string;
  }): Promise<DeliveryResult>;
  close(): Promise<void>;
}
