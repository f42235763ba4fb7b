import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import { sellerFromSetting } from '../../connector/sellers/load-sellers.ts';
import { sellerSchema } from '../../connector/sellers/seller.ts';
import { commissionVatStatus } from '../../connector/sellers/vat-treatment.ts';
import { adjustmentMinor } from '../../connector/statements/adjustment-amount.ts';
import { embeddedEnv } from '../../scripts/demo/local-config.ts';
import { SELLERS } from './fixtures.ts';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const fluent = { url: 'http://127.0.0.1:1', accountId: 'ACME', retailerId: '1', credentials: { username: 'u', password: 'p', clientId: 'c', clientSecret: 's' }, publicKeySpkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };

describe('sellers', () => {
  const { retailerId: _retailer, ...data } = SELLERS[0]!;

  it('reads a seller from its retailer\'s folio.seller setting, as JSON or as text', () => {
    expect(sellerFromSetting({ id: '9', lobValue: data, contextId: 2 })).toEqual(SELLERS[0]);
    expect(sellerFromSetting({ id: '9', value: JSON.stringify(data), contextId: 2 })).toEqual(SELLERS[0]);
  });

  it('names the setting and the field of a bad one', () => {
    expect(() => sellerFromSetting({ id: '9', lobValue: { ...data, payoutCurrency: 'euro' }, contextId: 2 })).toThrow('setting folio.seller of retailer 2 is invalid at payoutCurrency');
    expect(() => sellerFromSetting({ id: '9', value: '{', contextId: 2 })).toThrow(PermanentError);
  });

  it('needs the VAT id for reverse charge and refuses a rate given twice', () => {
    expect(sellerSchema.safeParse({ ...data, retailerId: '2', vatStatus: 'reverse_charge', vatId: undefined }).error?.issues[0]?.path).toEqual(['vatId']);
    const twice = { ...data, retailerId: '2', commission: { defaultRateBp: 100, rates: [{ category: 'a', rateBp: 1 }, { category: 'a', rateBp: 2 }] } };
    expect(sellerSchema.safeParse(twice).success).toBe(false);
  });

  it('derives the VAT status from where the seller is', () => {
    expect(SELLERS.map((s) => commissionVatStatus(s, 'IE'))).toEqual(['reverse_charge', 'standard', 'outside_scope']);
    expect(commissionVatStatus({ ...SELLERS[0]!, vatId: undefined }, 'IE')).toBe('standard');
    expect(commissionVatStatus({ ...SELLERS[0]!, vatStatus: 'exempt' }, 'IE')).toBe('exempt');
  });

  it('takes the fallback list from FOLIO_STATEMENT_SELLERS, and names the variable of a bad one', () => {
    expect(loadConfig(embeddedEnv(fluent, { FOLIO_STATEMENT_SELLERS: JSON.stringify(SELLERS) })).FOLIO_STATEMENT_SELLERS).toEqual(SELLERS);
    expect(() => loadConfig(embeddedEnv(fluent, { FOLIO_STATEMENT_SELLERS: JSON.stringify([SELLERS[0], SELLERS[0]]) }))).toThrow(/FOLIO_STATEMENT_SELLERS is invalid at 1\.ref: seller S-BERLIN is listed twice/);
    expect(() => loadConfig(embeddedEnv(fluent, { FOLIO_STATEMENTS: '{"vatRateBp":-1}' }))).toThrow(/FOLIO_STATEMENTS is invalid at vatRateBp/);
    expect(() => loadConfig(embeddedEnv(fluent, { FOLIO_STATEMENTS_INTERVAL_MS: 'soon' }))).toThrow(/FOLIO_STATEMENTS_INTERVAL_MS/);
  });
});

describe('adjustment amounts', () => {
  it('reads a decimal exactly in the currency\'s minor units', () => {
    expect(adjustmentMinor('-12.50', 'EUR')).toBe(-1250);
    expect(adjustmentMinor('30', 'JPY')).toBe(30);
    expect(adjustmentMinor('1.234', 'KWD')).toBe(1234);
    expect(() => adjustmentMinor('1.005', 'EUR')).toThrow(/more decimals than EUR has/);
    expect(() => adjustmentMinor('0.00', 'EUR')).toThrow(/zero/);
    expect(() => adjustmentMinor('ten', 'EUR')).toThrow(PermanentError);
  });
});
