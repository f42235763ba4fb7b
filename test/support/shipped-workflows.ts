import { readFileSync } from 'node:fs';

/** The version of Folio's shipped billing workflow, so tests follow it when it is raised. */
export const SHIPPED_BILLING_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../workflows/BILLING_ACCOUNT-CUSTOMER.json', import.meta.url), 'utf8')) as { version: string }
).version;
