import { describe, expect, it } from 'vitest';
import { planDelivery, shopperFromFluent, type DeliveryConfig } from '../../connector/deliver/channel-plan.ts';

const config: DeliveryConfig = {
  channels: {
    '*': { '*': ['email'] },
    ACME: { INVOICE: ['email', 'whatsapp', 'sms'], '*': ['email', 'sms'] },
  },
  defaultLocale: 'en',
};
const shopper = { email: 'jana@example.de', phone: '+4915112345678' };

describe('planDelivery', () => {
  it('uses the retailer’s channels for the document type, in order', () => {
    const plan = planDelivery(config, { retailer: 'ACME', documentType: 'INVOICE', shopper });
    expect(plan.attempts.map((attempt) => attempt.channel)).toEqual(['email', 'whatsapp', 'sms']);
    expect(plan.attempts[1]).toEqual({ channel: 'whatsapp', address: '+4915112345678' });
  });

  it('falls back to the retailer’s default, then to the global default', () => {
    expect(planDelivery(config, { retailer: 'ACME', documentType: 'CREDIT_MEMO', shopper }).attempts.map((attempt) => attempt.channel)).toEqual(['email', 'sms']);
    expect(planDelivery(config, { retailer: 'GLOBEX', documentType: 'INVOICE', shopper }).attempts.map((attempt) => attempt.channel)).toEqual(['email']);
  });

  it('puts the shopper’s preferred channel first, but only among the retailer’s channels', () => {
    expect(planDelivery(config, { retailer: 'ACME', documentType: 'INVOICE', shopper: { ...shopper, preferredChannel: 'sms' } }).attempts.map((attempt) => attempt.channel)).toEqual(['sms', 'email', 'whatsapp']);
    expect(planDelivery(config, { retailer: 'GLOBEX', documentType: 'INVOICE', shopper: { ...shopper, preferredChannel: 'sms' } }).attempts.map((attempt) => attempt.channel)).toEqual(['email']);
  });

  it('skips channels the shopper has no address for, and keeps locale and first name', () => {
    const plan = planDelivery(config, { retailer: 'ACME', documentType: 'INVOICE', shopper: { phone: '+4915112345678', locale: 'de-DE', firstName: 'Jana' } });
    expect(plan.attempts.map((attempt) => attempt.channel)).toEqual(['whatsapp', 'sms']);
    expect(plan.locale).toBe('de-DE');
    expect(plan.shopper).toEqual({ firstName: 'Jana' });
  });
});

describe('shopperFromFluent', () => {
  it('reads contact from the customer and preferences from attributes, the order’s winning', () => {
    const contact = shopperFromFluent({
      customer: {
        firstName: 'Jana', primaryEmail: 'jana@example.de', primaryPhone: '+4915112345678',
        attributes: [{ name: 'preferredChannel', value: 'EMAIL' }, { name: 'language', value: 'de' }],
      },
      order: { attributes: [{ name: 'preferredChannel', value: 'WHATSAPP' }] },
    });
    expect(contact).toEqual({ email: 'jana@example.de', phone: '+4915112345678', firstName: 'Jana', preferredChannel: 'whatsapp', locale: 'de' });
  });

  it('ignores a preference for a channel Folio does not have', () => {
    expect(shopperFromFluent({ customer: { attributes: [{ name: 'preferredChannel', value: 'PIGEON' }] } }).preferredChannel).toBeUndefined();
  });
});
