import { CHANNEL_NAMES, type ChannelName } from '../core/ports/delivery-channel.ts';
import type { ShopperContact } from '../core/ports/document-delivery.ts';

/**
 * Which channels a retailer uses for which document type, in fallback order. `'*'` is the default at
 * either level: `{ '*': { '*': ['email'] }, ACME: { INVOICE: ['email', 'whatsapp', 'sms'] } }`.
 */
export interface DeliveryConfig {
  channels: Record<string, Record<string, ChannelName[]>>;
  defaultLocale?: string;
}

export interface DeliveryPlan {
  locale: string;
  /** Channels to try in order; the first that delivers ends the plan. */
  attempts: { channel: ChannelName; address: string }[];
  shopper?: { firstName?: string };
}

export function planDelivery(config: DeliveryConfig, input: { retailer: string; documentType: string; shopper: ShopperContact }): DeliveryPlan {
  const { retailer, documentType, shopper } = input;
  const byRetailer = config.channels[retailer];
  const fallback = config.channels['*'];
  const allowed = byRetailer?.[documentType] ?? byRetailer?.['*'] ?? fallback?.[documentType] ?? fallback?.['*'] ?? [];
  // The shopper's preference reorders the retailer's channels; it never adds one the retailer does not use.
  const ordered = shopper.preferredChannel && allowed.includes(shopper.preferredChannel)
    ? [shopper.preferredChannel, ...allowed.filter((channel) => channel !== shopper.preferredChannel)]
    : allowed;
  const attempts = ordered.flatMap((channel) => {
    const address = addressFor(channel, shopper);
    return address ? [{ channel, address }] : [];
  });
  const plan: DeliveryPlan = { locale: shopper.locale ?? config.defaultLocale ?? 'en', attempts };
  if (shopper.firstName) plan.shopper = { firstName: shopper.firstName };
  return plan;
}

function addressFor(channel: ChannelName, shopper: ShopperContact): string | undefined {
  if (channel === 'email') return shopper.email;
  if (channel === 'whatsapp') return shopper.whatsapp ?? shopper.phone;
  return shopper.phone;
}

interface FluentAttribute {
  name: string;
  value: unknown;
}

interface FluentCustomer {
  firstName?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  attributes?: FluentAttribute[] | null;
}

/**
 * Reads the shopper's contact and preferences from Fluent data. The preference is an attribute
 * (`preferredChannel`: EMAIL, SMS or WHATSAPP; `language`/`locale`: de, de-DE, …); an order's attribute
 * beats the customer's, since the shopper chose it for this purchase.
 */
export function shopperFromFluent(input: { customer?: FluentCustomer | null; order?: { attributes?: FluentAttribute[] | null } | null }): ShopperContact {
  const attribute = (names: string[]): string | undefined => {
    for (const source of [input.order?.attributes, input.customer?.attributes]) {
      const found = source?.find((candidate) => names.includes(candidate.name) && typeof candidate.value === 'string' && candidate.value.trim() !== '');
      if (found) return (found.value as string).trim();
    }
    return undefined;
  };
  const shopper: ShopperContact = {};
  const customer = input.customer;
  if (customer?.primaryEmail) shopper.email = customer.primaryEmail;
  if (customer?.primaryPhone) shopper.phone = customer.primaryPhone;
  if (customer?.firstName) shopper.firstName = customer.firstName;
  const whatsapp = attribute(['whatsappNumber', 'whatsapp']);
  if (whatsapp) shopper.whatsapp = whatsapp;
  const preferred = attribute(['preferredChannel'])?.toLowerCase();
  if (preferred && (CHANNEL_NAMES as string[]).includes(preferred)) shopper.preferredChannel = preferred as ChannelName;
  const locale = attribute(['preferredLanguage', 'language', 'locale']);
  if (locale) shopper.locale = locale;
  return shopper;
}
