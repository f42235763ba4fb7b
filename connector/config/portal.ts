import { onOff, positiveInt } from './values.ts';

/** The shopper portal under /portal (connector/portal): sign-in links, sessions and the limits that protect them. */
export const portalVariables = {
  /** Serves /portal: shoppers sign in with a one-time link and see, download and resend their documents. */
  FOLIO_PORTAL: onOff('on'),
  /** How long a sign-in link works (it works once). */
  FOLIO_PORTAL_LINK_TTL_SECONDS: positiveInt(15 * 60),
  /** How long a portal session lasts from sign-in, however active the shopper is. */
  FOLIO_PORTAL_SESSION_SECONDS: positiveInt(60 * 60),
  /** Sign-in links asked for one address, and asked from one client IP, per 15 minutes. */
  FOLIO_PORTAL_SIGNIN_PER_ADDRESS: positiveInt(5),
  FOLIO_PORTAL_SIGNIN_PER_IP: positiveInt(30),
  /** "Send me this again" per shopper per hour. */
  FOLIO_PORTAL_RESENDS_PER_HOUR: positiveInt(5),
  /** A QR code and short link to the order page on documents with an order (a theme's `orderLink: false` turns it off). */
  FOLIO_PORTAL_ORDER_LINKS: onOff('on'),
};
