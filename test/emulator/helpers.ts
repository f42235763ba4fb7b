import type { AddressInfo } from 'node:net';
import express from 'express';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../scripts/emulator/index.ts';

/** A started emulator plus a logged-in HTTP client for it. */
export interface TestFluent {
  emulator: Emulator;
  token: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string }[] }>;
  post(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
}

export async function oauthToken(emulator: Emulator, params: Record<string, string> = {}): Promise<Response> {
  const { username, password, clientId, clientSecret } = emulator.credentials;
  const form = { grant_type: 'password', username, password, client_id: clientId, client_secret: clientSecret, scope: 'api', ...params };
  return fetch(`${emulator.url}/oauth/token`, { method: 'POST', body: new URLSearchParams(form) });
}

export async function startFluent(options: EmulatorOptions = {}): Promise<TestFluent> {
  const emulator = await startEmulator(options);
  const token = ((await (await oauthToken(emulator)).json()) as { access_token: string }).access_token;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) => fetch(`${emulator.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    emulator,
    token,
    post,
    get: (path) => fetch(`${emulator.url}${path}`, { headers }),
    gql: async (query, variables) => (await post('/graphql', { query, variables })).json() as never,
  };
}

/** A webhook receiver for tests: records the raw bytes and headers of every request it gets. */
export interface Receiver {
  url: string;
  requests: { headers: Record<string, string | string[] | undefined>; body: Buffer }[];
  close(): Promise<void>;
}

/** `statuses` are answered in order (the last one repeats); default 200. */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const app = express();
  app.post('/fluent/webhook', express.raw({ type: () => true }), (req, res) => {
    requests.push({ headers: req.headers, body: req.body as Buffer });
    res.status(statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200).send('ok');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fluent/webhook`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export const money = (amount: number) => ({ amount, scale: 2, unscaledValue: Math.round(amount * 100) });

/** A CUSTOMER billing account, ready for invoices. */
export async function createBillingAccount(fluent: TestFluent, ref: string): Promise<void> {
  const result = await fluent.gql(
    `mutation ($input: CreateBillingAccountInput) { createBillingAccount(input: $input) { id } }`,
    { input: { ref, type: 'CUSTOMER', name: 'Mrs Customer', retailer: { id: fluent.emulator.retailerId } } },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

export function invoiceInput(ref: string, accountRef: string, extra: Record<string, unknown> = {}) {
  return {
    ref,
    type: 'INVOICE',
    billingAccount: { ref: accountRef },
    issueDate: '2026-11-01T00:00:00.000Z',
    currency: { alphabeticCode: 'AUD' },
    defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
    subTotalAmount: money(100),
    totalTax: money(10),
    totalAmount: money(110),
    totalBalance: money(110),
    items: [
      { ref: `${ref}-1`, type: 'INVOICE_ITEM', description: 'Widget', unitQuantity: { quantity: 2 }, unitAmount: money(50), amount: money(100), taxAmount: money(10) },
    ],
    ...extra,
  };
}

export async function createInvoice(fluent: TestFluent, ref: string, accountRef: string): Promise<void> {
  const result = await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { id } }`, { input: invoiceInput(ref, accountRef) });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}
