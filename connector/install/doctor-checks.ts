import { createPublicKey } from 'node:crypto';
import axios from 'axios';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT, DOCUMENT_REQUESTED_EVENT, DOCUMENT_RETRY_EVENT, PRESERVE_EVENT_DETAILS, STATUS, WEBHOOK_RETRY_METHOD_SETTING, WEBHOOK_SETTING_NAME } from '../fluent/contract.ts';
import type { FluentAdminClient } from './admin-client.ts';
import { folioPartsFor } from './folio-parts.ts';
import { ACCOUNT_CONTEXT_ID } from './setting-file.ts';
import { webhookUrlFor } from './stamp.ts';
import { fluentWorkflowSchema } from './workflow-schema.ts';

/** One line of `folio doctor`'s checklist; a failure says what to do next. */
export interface CheckResult {
  title: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  next?: string;
}

const pass = (title: string, detail: string): CheckResult => ({ title, status: 'pass', detail });
const fail = (title: string, detail: string, next: string): CheckResult => ({ title, status: 'fail', detail, next });
const skip = (title: string, detail: string): CheckResult => ({ title, status: 'skip', detail });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const BILLING_WORKFLOW = 'BILLING_ACCOUNT::CUSTOMER';
/** The request event a probe invoice takes, by its status (see workflows/BILLING_ACCOUNT-CUSTOMER.json). */
const PROBE_EVENT: Record<string, string> = { CREATED: 'FolioRequestDocument', [STATUS.generated]: 'FolioRequestDocument', [STATUS.failed]: DOCUMENT_RETRY_EVENT };

export interface DoctorTarget {
  client: FluentAdminClient;
  accountId: string;
  retailerId: string;
  publicBaseUrl?: string;
}

export function checkWebhookKeys(keys: readonly { name: string; publicKeySpkiBase64: string }[]): CheckResult {
  const title = 'webhook public keys load';
  const broken = keys.filter((key) => {
    try {
      return createPublicKey({ key: Buffer.from(key.publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType !== 'rsa';
    } catch {
      return true;
    }
  });
  if (broken.length) return fail(title, `not RSA SPKI keys: ${broken.map((k) => k.name).join(', ')}`, "FLUENT_WEBHOOK_KEYS takes each environment's public key as Fluent gives it: x509/SPKI, base64");
  return pass(title, `${keys.length} key(s): ${keys.map((k) => k.name).join(', ')}`);
}

export async function checkToken(target: DoctorTarget): Promise<CheckResult> {
  const title = 'Fluent sign-in (OAuth)';
  try {
    await target.client.checkToken();
    return pass(title, `token for account ${target.accountId}`);
  } catch (error) {
    return fail(title, message(error), 'check FLUENT_BASE_URL, FLUENT_ACCOUNT_ID, FLUENT_USERNAME/PASSWORD and FLUENT_CLIENT_ID/SECRET');
  }
}

export async function checkWorkflow(target: DoctorTarget): Promise<CheckResult> {
  const title = `workflow ${BILLING_WORKFLOW} has Folio's rulesets`;
  const next = 'run "folio fluent stamp", then "folio fluent push" (it merges Folio into a workflow the retailer already has)';
  try {
    const answer = await target.client.getWorkflow(target.retailerId, BILLING_WORKFLOW);
    if (!answer) return fail(title, `retailer ${target.retailerId} has no ${BILLING_WORKFLOW} workflow`, next);
    const parsed = fluentWorkflowSchema.safeParse(answer);
    if (!parsed.success) return fail(title, `Fluent's workflow does not parse: ${parsed.error.issues[0]?.message ?? ''}`, next);
    const ours = folioPartsFor(parsed.data, target.accountId);
    const have = new Set(parsed.data.rulesets.map((r) => `${r.type}/${r.name}`));
    const missing = (ours?.rulesets ?? []).map((r) => `${r.type}/${r.name}`).filter((id) => !have.has(id));
    if (missing.length) return fail(title, `version ${parsed.data.version} lacks ${missing.join(', ')}`, next);
    const method = parsed.data.settings[WEBHOOK_RETRY_METHOD_SETTING];
    if (method !== PRESERVE_EVENT_DETAILS) {
      return fail(title, `${WEBHOOK_RETRY_METHOD_SETTING} is ${JSON.stringify(method ?? null)}: a retried document request loses its documentType and locale`, `set it to "${PRESERVE_EVENT_DETAILS}" in the workflow's settings ("folio fluent push" adds it when the workflow has none)`);
    }
    return pass(title, `version ${parsed.data.version}, ${ours?.rulesets.length ?? 0} Folio rulesets`);
  } catch (error) {
    return fail(title, message(error), 'the API user needs WORKFLOW_VIEW (role ORCHESTRATION_ADMIN)');
  }
}

export async function checkWebhookSetting(target: DoctorTarget): Promise<CheckResult> {
  const title = `setting ${WEBHOOK_SETTING_NAME} points at this connector`;
  if (!target.publicBaseUrl) return fail(title, 'PUBLIC_BASE_URL is not set, so the connector cannot tell which URL Fluent should call', 'set PUBLIC_BASE_URL to the https URL Fluent reaches the connector at');
  let expected: string;
  try {
    expected = webhookUrlFor(target.publicBaseUrl);
  } catch (error) {
    return fail(title, message(error), 'fix PUBLIC_BASE_URL');
  }
  const next = `run "folio fluent stamp --endpoint ${target.publicBaseUrl}" and "folio fluent push"`;
  try {
    // The rules read the RETAILER setting first, then the ACCOUNT one (fluent-rules/README.md).
    const setting =
      (await target.client.findSetting(WEBHOOK_SETTING_NAME, 'RETAILER', Number(target.retailerId))) ??
      (await target.client.findSetting(WEBHOOK_SETTING_NAME, 'ACCOUNT', ACCOUNT_CONTEXT_ID));
    if (!setting) return fail(title, 'no such setting', next);
    const value = (typeof setting.lobValue === 'string' ? safeJson(setting.lobValue) : setting.lobValue) as { name?: unknown; url?: unknown } | undefined;
    if (value?.url !== expected) return fail(title, `url is ${JSON.stringify(value?.url)}, expected ${expected}`, next);
    if (value.name !== DOCUMENT_REQUESTED_EVENT) return fail(title, `name is ${JSON.stringify(value.name)}, expected ${DOCUMENT_REQUESTED_EVENT}`, next);
    return pass(title, `${setting.context} setting → ${expected}`);
  } catch (error) {
    return fail(title, message(error), 'the API user needs to read settings');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The connector at PUBLIC_BASE_URL answers, and refuses an unsigned webhook (so it verifies signatures). */
export async function checkConnectorEndpoint(target: DoctorTarget): Promise<CheckResult> {
  const title = 'connector answers at PUBLIC_BASE_URL and checks signatures';
  if (!target.publicBaseUrl) return skip(title, 'PUBLIC_BASE_URL is not set');
  const base = target.publicBaseUrl.replace(/\/+$/, '');
  try {
    const health = await axios.get(`${base}/healthz`, { timeout: 10_000, validateStatus: () => true });
    if (health.status !== 200) return fail(title, `GET ${base}/healthz answered ${health.status}`, 'start the connector, or fix PUBLIC_BASE_URL');
    const probe = await axios.post(webhookUrlFor(target.publicBaseUrl), '{"doctor":"unsigned"}', { timeout: 10_000, validateStatus: () => true, headers: { 'content-type': 'application/json' } });
    if (probe.status !== 401) return fail(title, `an unsigned webhook got ${probe.status}, expected 401`, 'PUBLIC_BASE_URL must point at the Folio connector');
    return pass(title, `${base} is up and refuses unsigned webhooks`);
  } catch (error) {
    return fail(title, message(error), 'start the connector, or fix PUBLIC_BASE_URL (it must be reachable from here and from Fluent)');
  }
}

/**
 * Sends a real document request for a probe invoice and waits for the connector's answer event. Any
 * answer proves Fluent's signed webhook verified (the connector drops unsigned or mis-signed ones);
 * FolioDocumentGenerated proves the whole round trip.
 */
export async function checkRoundTrip(target: DoctorTarget, invoiceRef: string | undefined, timeoutMs: number): Promise<CheckResult[]> {
  const keyTitle = "Fluent's webhook signature verifies at the connector";
  const tripTitle = 'a test event makes the round trip';
  if (!invoiceRef) {
    const why = 'pass --invoice REF (a test invoice) to send a real document request';
    return [skip(keyTitle, why), skip(tripTitle, why)];
  }
  try {
    const data = await target.client.graphql<{ invoice: { ref: string; status: string; billingAccount?: { ref: string } | null } | null }>(
      'query folioDoctorInvoice($ref: String!) { invoice(ref: $ref) { ref status billingAccount { ref } } }',
      { ref: invoiceRef },
    );
    const invoice = data.invoice;
    if (!invoice) return [skip(keyTitle, 'no probe invoice'), fail(tripTitle, `no invoice ${invoiceRef}`, 'pass the ref of an existing test invoice')];
    const name = PROBE_EVENT[invoice.status];
    if (!name) {
      return [skip(keyTitle, 'no usable probe invoice'), fail(tripTitle, `invoice ${invoiceRef} is ${invoice.status}`, `use an invoice in ${Object.keys(PROBE_EVENT).join(', ')}`)];
    }
    const filters = { 'context.entityType': 'INVOICE', 'context.entityRef': invoiceRef };
    // Clocks may differ between here and Fluent: remember what already exists instead of filtering by time.
    const before = new Set((await target.client.listEvents(filters)).map((e) => e.id));
    const sent = await target.client.postEventSync({
      name,
      retailerId: target.retailerId,
      entityType: 'INVOICE',
      entityRef: invoiceRef,
      rootEntityType: 'BILLING_ACCOUNT',
      ...(invoice.billingAccount ? { rootEntityRef: invoice.billingAccount.ref } : {}),
    });
    if (sent.eventStatus !== 'COMPLETE') {
      return [skip(keyTitle, 'no webhook was sent'), fail(tripTitle, `${name} for ${invoiceRef} ended ${sent.eventStatus ?? 'without a status'}`, `the workflow's INVOICE ${name} ruleset must run; check the event in Fluent`)];
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = (await target.client.listEvents(filters)).find(
        (e) => !before.has(e.id) && (e.name === DOCUMENT_GENERATED_EVENT || e.name === DOCUMENT_FAILED_EVENT),
      );
      if (answer) {
        const key = pass(keyTitle, `the connector accepted Fluent's webhook and answered ${String(answer.name)}`);
        if (answer.name === DOCUMENT_GENERATED_EVENT) return [key, pass(tripTitle, `${name} → webhook → ${DOCUMENT_GENERATED_EVENT} (${String(answer.eventStatus)})`)];
        return [key, fail(tripTitle, `the connector could not make the document: ${failureReason(answer) ?? 'no reason given'}`, 'see the connector log for this invoice')];
      }
      if (Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 500));
    }
    const seconds = Math.round(timeoutMs / 1000);
    return [
      fail(keyTitle, `no answer from the connector within ${seconds} s`, 'FLUENT_WEBHOOK_KEYS must hold the public key of this Fluent environment (the connector logs "invalid signature" otherwise), and Fluent must reach PUBLIC_BASE_URL on port 443'),
      fail(tripTitle, `no ${DOCUMENT_GENERATED_EVENT} within ${seconds} s`, 'fix the check above, then run doctor again'),
    ];
  } catch (error) {
    return [skip(keyTitle, 'the test event could not be sent'), fail(tripTitle, message(error), 'the API user needs EVENT_CREATE and EVENT_VIEW')];
  }
}

function failureReason(event: Record<string, unknown>): string | undefined {
  const attributes = event.attributes;
  const list = Array.isArray(attributes) ? (attributes as { name?: unknown; value?: unknown }[]) : Object.entries(attributes ?? {}).map(([name, value]) => ({ name, value }));
  const found = list.find((a) => a.name === ATTRIBUTE.failureReason);
  return found ? String(found.value) : undefined;
}
