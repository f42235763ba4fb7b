/**
 * The audit trail outlives retention periods for personal data, so nothing personal may go into it.
 * Callers pass ids and codes, but error messages from providers quote addresses ("550 <jane@…>
 * rejected"), so values are scrubbed too: e-mail addresses and phone numbers become `[redacted]`, and
 * fields whose name says they hold a person's data are dropped.
 */
const PERSONAL_KEY = /^(e-?mail|phone|mobile|name|first_?name|last_?name|full_?name|address|recipient|to|from|cc|bcc)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// "whatsapp:+4917612345678", "+49 176 1234 5678", "(030) 1234567": runs of 7+ digits with separators.
const PHONE = /(?:whatsapp:)?\+?\(?\d[\d ()./-]{6,}\d/g;

export function redactText(text: string): string {
  return text.replace(EMAIL, '[redacted]').replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[redacted]' : match));
}

export function redactPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactPersonalData);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const clean: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!PERSONAL_KEY.test(key)) clean[key] = redactPersonalData(inner);
    }
    return clean;
  }
  return value;
}
