import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../../connector/config.ts';
import { connectorEnv, problemsOf } from './support/connector-env.ts';

const REQUIRED = ['FLUENT_BASE_URL', 'FLUENT_ACCOUNT_ID', 'FLUENT_USERNAME', 'FLUENT_PASSWORD', 'FLUENT_CLIENT_ID', 'FLUENT_CLIENT_SECRET', 'FLUENT_WEBHOOK_KEYS', 'FOLIO_LINK_KEYS'];

describe('the connector configuration, read once from the environment', () => {
  it('parses the JSON settings and the custom document declarations into typed values, with their defaults', () => {
    const config = loadConfig(connectorEnv());
    expect(config.FOLIO_SELLER).toMatchObject({ name: 'Folio Demo Retail Ltd', address: { country: 'GB' } });
    expect(config.FOLIO_DELIVERY).toEqual({ channels: { '*': { '*': ['email', 'whatsapp', 'sms'] } } });
    expect(config.FOLIO_THEMES).toEqual({});
    expect(config.FOLIO_REFUND_POLICY).toMatchObject({ shipping: 'proportional', codFee: 'proportional' });
    expect(config.FOLIO_PACKAGE_INVOICE_CONFIG).toMatchObject({ shipping: 'proportional', codFeePerPackageMinor: 0 });
    expect(config.FOLIO_SHIPPING_TAX_TYPE).toBeUndefined();
    expect(config.FOLIO_PACKAGE_INVOICES).toBe(false);
    expect(config.FOLIO_SHIPMENT_NOTE_PRICES).toBe(false);
    expect(config.FOLIO_CUSTOM_DOCUMENTS_DIR.documents.map((d) => d.config.name)).toEqual(['Pro forma invoice']);
    expect(config.FLUENT_WEBHOOK_KEYS).toHaveLength(1);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('takes on/off and JSON values as set', () => {
    const config = loadConfig(
      connectorEnv({ FOLIO_PACKAGE_INVOICES: 'on', FOLIO_SHIPPING_TAX_TYPE: '{"country":"GB","group":"VAT"}', FOLIO_THEMES: '{"ACME":{"brandName":"Acme","primaryColor":"#aa0000"}}' }),
    );
    expect(config.FOLIO_PACKAGE_INVOICES).toBe(true);
    expect(config.FOLIO_SHIPPING_TAX_TYPE).toEqual({ country: 'GB', group: 'VAT' });
    expect(config.FOLIO_THEMES.ACME?.brandName).toBe('Acme');
  });

  it('is frozen all the way down', () => {
    const config = loadConfig(connectorEnv());
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.FOLIO_SELLER.address)).toBe(true);
    expect(Object.isFrozen(config.FOLIO_LINK_KEYS[0])).toBe(true);
    expect(Object.isFrozen(config.FOLIO_CUSTOM_DOCUMENTS_DIR.documents[0]?.config.trigger)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('with nothing set, names every required variable and says what it wants', () => {
    const problems = problemsOf({});
    for (const variable of REQUIRED) expect(problems.find((p) => p.startsWith(`${variable}: required: `))).toBeDefined();
    expect(problems).toHaveLength(REQUIRED.length);
  });

  it('lists every bad variable at once, one line each, without a stack', () => {
    const error = (() => {
      try {
        return loadConfig(connectorEnv({ PORT: 'eighty', FOLIO_EMAIL_PDF: 'fax', FOLIO_DEFAULT_TIME_ZONE: 'Mars/Olympus' }));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'FOLIO_EMAIL_PDF', 'FOLIO_DEFAULT_TIME_ZONE']);
    expect((error as ConfigError).message).toMatch(/^Folio configuration is invalid:\n {2}PORT: /);
    expect((error as ConfigError).message).toContain('FOLIO_DEFAULT_TIME_ZONE: expected an IANA time zone such as Europe/London');
  });

  it('checks settings that only work together', () => {
    expect(problemsOf(connectorEnv({ FOLIO_STORAGE: 'azure-blob' }))).toEqual(['AZURE_STORAGE_CONNECTION_STRING: required when FOLIO_STORAGE=azure-blob']);
    expect(problemsOf(connectorEnv({ FOLIO_SMS_FROM: '+15550100' }))).toEqual([
      'TWILIO_ACCOUNT_SID: required for SMS or WhatsApp (FOLIO_SMS_FROM, FOLIO_WHATSAPP_FROM)',
      'TWILIO_AUTH_TOKEN: required for SMS or WhatsApp (FOLIO_SMS_FROM, FOLIO_WHATSAPP_FROM)',
    ]);
  });

  it('reads only the database variables for CLI commands that need no more', () => {
    expect(loadDatabaseConfig({})).toEqual({ DATABASE_URL: undefined, FOLIO_DATA_DIR: 'var' });
    expect(loadDatabaseConfig({ DATABASE_URL: '', FOLIO_DATA_DIR: '/tmp/folio' })).toEqual({ DATABASE_URL: undefined, FOLIO_DATA_DIR: '/tmp/folio' });
  });
});
