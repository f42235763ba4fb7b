import { randomUUID } from 'node:crypto';
import { DOCUMENT_REQUESTED_EVENT } from '../../../connector/fluent/contract.ts';
import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import { jsonObject } from './folio-sdk-runtime.ts';
import { RubixException, type Rule, type RuleContext } from './rule.ts';

/**
 * Emulator mirror of the Java rule `<ACCOUNT>.folio.SendDocumentWebhook`
 * (fluent-rules/src/main/java/com/folio/fluent/rules/SendDocumentWebhook.java). Both run the shared
 * vectors in fluent-rules/vectors/, so a change here needs the same change there.
 *
 * Posts the triggering event to Folio's webhook with a fresh id, the webhook event name and the event's
 * attributes plus `documentType` and (prop) `locale`. The endpoint comes from the JSON setting named by
 * prop `setting` ({"name", "url"}) or from prop `url` (event name FolioDocumentRequested).
 */
export const ruleName = 'SendDocumentWebhook';

/** Attribute names the webhook adds (FolioContract.WEBHOOK_ATTRIBUTE_* in Java). */
export const WEBHOOK_ATTRIBUTE = { documentType: 'documentType', locale: 'locale' } as const;

/**
 * Same patterns as the Java rule (ASCII only, so Java and JavaScript regexes agree; the vitest
 * vectors test compares them with SendDocumentWebhook.java).
 */
export const PATTERNS = {
  // eslint-disable-next-line no-control-regex
  url: /^https?:\/\/[^\x00-\x20/?#]+(?:[/?#][^\x00-\x20]*)?$/i,
  documentType: /^[A-Za-z][A-Za-z0-9_]{0,49}$/,
  locale: /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/,
} as const;
const URL_PATTERN = PATTERNS.url;
const DOCUMENT_TYPE_PATTERN = PATTERNS.documentType;
const LOCALE_PATTERN = PATTERNS.locale;

/** A prop's trimmed value, or undefined when absent or blank (Java's context.getProp is a String). */
function prop(context: RuleContext, name: string): string | undefined {
  const value = context.props[name];
  if (value === undefined || value === null) return undefined;
  const text = (typeof value === 'string' ? value : String(value)).trim();
  return text === '' ? undefined : text;
}

function target(context: RuleContext): { url: string; eventName: string } {
  const settingName = prop(context, 'setting');
  const url = prop(context, 'url');
  if (settingName === undefined && url === undefined) {
    throw new RubixException(422, `SendDocumentWebhook: needs prop 'setting' (name of a JSON setting {"name":…,"url":…}) or prop 'url'`);
  }
  if (settingName !== undefined && url !== undefined) {
    throw new RubixException(422, "SendDocumentWebhook: give prop 'setting' or prop 'url', not both");
  }
  if (url !== undefined) {
    if (!URL_PATTERN.test(url)) throw new RubixException(422, `SendDocumentWebhook: prop 'url' is not an http(s) URL: '${url}'`);
    return { url, eventName: DOCUMENT_REQUESTED_EVENT };
  }
  const name = settingName as string;
  // The emulator's settingNode applies Fluent's precedence (retailer, then account, then global) and, like
  // the SDK, hands lobValue as a Jackson JsonNode; Java reads lobValue, else value.
  const node = context.settingNode(name);
  const raw = node === undefined ? undefined : (node.lobValue ?? node.value);
  if (raw === undefined || raw === null) {
    throw new RubixException(422, `SendDocumentWebhook: setting '${name}' not found for retailer ${context.event.retailerId} or the account`);
  }
  const value = jsonObject(raw, 422, `SendDocumentWebhook: setting '${name}' must be a JSON object {"name":…,"url":…}`);
  const settingUrl = value.url;
  if (typeof settingUrl !== 'string' || !URL_PATTERN.test(settingUrl)) {
    throw new RubixException(422, `SendDocumentWebhook: setting '${name}' has no valid http(s) 'url'`);
  }
  const eventName = value.name;
  if (eventName === undefined || eventName === null) return { url: settingUrl, eventName: DOCUMENT_REQUESTED_EVENT };
  if (typeof eventName !== 'string' || eventName.trim() === '') {
    throw new RubixException(422, `SendDocumentWebhook: setting '${name}' has an invalid 'name' (the webhook event name)`);
  }
  return { url: settingUrl, eventName: eventName.trim() };
}

export const rule: Rule = (context) => {
  const event = context.event;

  const documentType = prop(context, 'documentType');
  if (documentType === undefined) {
    throw new RubixException(422, "SendDocumentWebhook: prop 'documentType' is required (e.g. INVOICE)");
  }
  if (!DOCUMENT_TYPE_PATTERN.test(documentType)) {
    throw new RubixException(422, `SendDocumentWebhook: prop 'documentType' is invalid: '${documentType}' (letters, digits and _, e.g. CREDIT_NOTE)`);
  }
  const locale = prop(context, 'locale');
  if (locale !== undefined && !LOCALE_PATTERN.test(locale)) {
    throw new RubixException(422, `SendDocumentWebhook: prop 'locale' is invalid: '${locale}' (e.g. en-AU)`);
  }

  const { url, eventName } = target(context);

  const attributes: Record<string, unknown> = { ...(event.attributes ?? {}) };
  attributes[WEBHOOK_ATTRIBUTE.documentType] = documentType;
  if (locale !== undefined) attributes[WEBHOOK_ATTRIBUTE.locale] = locale;

  const webhook: FluentEvent = { ...event, id: randomUUID(), name: eventName, attributes };
  context.action.postWebhook(url, webhook);
};
