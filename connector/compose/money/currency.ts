import { PermanentError } from '../../core/errors.ts';

/**
 * ISO 4217 minor-unit exponents. The table wins over Intl because CLDR's display digits differ from
 * ISO 4217 for some currencies (e.g. CLDR shows ISK, IDR and HUF differently from how they are booked).
 */
const ISO_4217_EXPONENTS: Readonly<Record<string, number>> = {
  // 0 decimals
  JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, PYG: 0, UGX: 0, XAF: 0, XOF: 0, XPF: 0, RWF: 0, KMF: 0, GNF: 0, DJF: 0, VUV: 0,
  // 3 decimals
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
  // 2 decimals (the markets Folio's retailers sell in)
  EUR: 2, USD: 2, GBP: 2, AUD: 2, NZD: 2, CAD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2,
  RON: 2, BGN: 2, HRK: 2, TRY: 2, INR: 2, SGD: 2, HKD: 2, CNY: 2, MXN: 2, BRL: 2, ZAR: 2, AED: 2, SAR: 2,
  QAR: 2, ILS: 2, IDR: 2, TWD: 2, THB: 2, MYR: 2, PHP: 2, EGP: 2, MAD: 2, ARS: 2, COP: 2, PEN: 2,
};

/** Intl knows every ISO code; used only for currencies missing from the table above. */
function intlExponent(code: string): number | undefined {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
  // Intl formats any well-formed code (even 'XYZ') with 2 digits, so membership is checked first.
  if (!supported?.includes(code)) return undefined;
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
}

/** Normalises and checks a currency code; an unknown one is bad data, never guessed. */
export function currencyCode(raw: string | null | undefined): string {
  const code = (raw ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || currencyExponentOrUndefined(code) === undefined) {
    throw new PermanentError(`unknown currency ${raw == null || raw === '' ? '(none)' : raw}`);
  }
  return code;
}

function currencyExponentOrUndefined(code: string): number | undefined {
  return ISO_4217_EXPONENTS[code] ?? intlExponent(code);
}

/** Number of minor-unit digits of a currency: JPY 0, EUR 2, KWD 3. */
export function currencyExponent(raw: string): number {
  const code = currencyCode(raw);
  return currencyExponentOrUndefined(code) as number;
}
