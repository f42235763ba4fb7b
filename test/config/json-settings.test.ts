import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { connectorEnv } from './support/connector-env.ts';

/** A folder with one custom document declaration that does not validate (no trigger, no mapping). */
function brokenDeclarations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-custom-'));
  writeFileSync(join(dir, 'gift-receipt.json'), JSON.stringify({ name: 'Gift receipt', queryFile: 'gift-receipt.graphql', template: 'invoice.njk' }));
  return dir;
}

/** Each JSON setting with a value that is JSON but wrong inside, and what start-up says about it. */
const BAD_VALUES: [variable: string, value: string, message: RegExp][] = [
  ['FOLIO_SELLER', '{"vatId":"GB1"}', /^FOLIO_SELLER is invalid at name: /],
  ['FOLIO_DELIVERY', '{"channels":{"*":{"*":["email","fax"]}}}', /^FOLIO_DELIVERY is invalid at channels\.\*\.\*\.1: /],
  ['FOLIO_THEMES', '{"ACME":{"brandName":"Acme","primaryColor":"red"}}', /^FOLIO_THEMES is invalid at ACME\.primaryColor: must be a #rrggbb colour$/],
  ['FOLIO_REFUND_POLICY', '{"shipping":"half"}', /^FOLIO_REFUND_POLICY is invalid at shipping: /],
  ['FOLIO_PACKAGE_INVOICE_CONFIG', '{"codFeePerPackageMinor":-300}', /^FOLIO_PACKAGE_INVOICE_CONFIG is invalid at codFeePerPackageMinor: /],
  ['FOLIO_SHIPPING_TAX_TYPE', '{"country":"GB"}', /^FOLIO_SHIPPING_TAX_TYPE is invalid at group: /],
  ['FLUENT_WEBHOOK_KEYS', '[]', /^FLUENT_WEBHOOK_KEYS: expected at least one key$/],
  ['FLUENT_WEBHOOK_KEYS', `[{"name":"bad","publicKeySpkiBase64":"${'QUJD'.repeat(40)}"}]`, /^FLUENT_WEBHOOK_KEYS is invalid at 0\.publicKeySpkiBase64: webhook key "bad" is not a base64 SPKI/],
];

const JSON_VARIABLES = [...new Set(BAD_VALUES.map(([variable]) => variable))];

describe('a bad JSON setting stops start-up with a message naming the variable', () => {
  it.each(BAD_VALUES)('%s = %s', (variable, value, message) => {
    expect(() => loadConfig(connectorEnv({ [variable]: value }))).toThrow(expect.objectContaining({ problems: [expect.stringMatching(message)] }));
  });

  it.each(JSON_VARIABLES)('%s that is not JSON at all says so, with an example', (variable) => {
    expect(() => loadConfig(connectorEnv({ [variable]: '{name: Acme}' }))).toThrow(expect.objectContaining({ problems: [expect.stringMatching(new RegExp(`^${variable} is not JSON: expected JSON such as [[{]`))] }));
  });

  it('a custom document declaration that does not validate names FOLIO_CUSTOM_DOCUMENTS_DIR and the file', () => {
    const dir = brokenDeclarations();
    expect(() => loadConfig(connectorEnv({ FOLIO_CUSTOM_DOCUMENTS_DIR: dir }))).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^FOLIO_CUSTOM_DOCUMENTS_DIR: custom document .*gift-receipt\.json is invalid:[^]*trigger/)] }),
    );
  });

  it('a declaration whose query file is missing names FOLIO_CUSTOM_DOCUMENTS_DIR and the query file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-custom-'));
    const declaration = { name: 'Gift receipt', trigger: { entityType: 'ORDER', event: 'GiftReceiptRequested' }, queryFile: 'missing.graphql', template: 'invoice.njk', mapping: {} };
    writeFileSync(join(dir, 'gift-receipt.json'), JSON.stringify(declaration));
    expect(() => loadConfig(connectorEnv({ FOLIO_CUSTOM_DOCUMENTS_DIR: dir }))).toThrow(/FOLIO_CUSTOM_DOCUMENTS_DIR: custom document .*gift-receipt\.json/);
  });

  it('an on/off setting takes only on or off', () => {
    expect(() => loadConfig(connectorEnv({ FOLIO_PACKAGE_INVOICES: 'yes' }))).toThrow(/FOLIO_PACKAGE_INVOICES: expected on or off/);
    expect(() => loadConfig(connectorEnv({ FOLIO_SHIPMENT_NOTE_PRICES: 'true' }))).toThrow(/FOLIO_SHIPMENT_NOTE_PRICES: expected on or off/);
  });
});
