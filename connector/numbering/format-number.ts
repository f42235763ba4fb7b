/**
 * Turns a number pattern such as `{country}{yyyy}-{seq:6}` into a document number.
 *
 * Tokens: {seq} or {seq:N} (zero-padded to N digits, never cut), {yyyy} {yy} {mm} {dd} (the issue
 * date in the seller's time zone, so an invoice issued at 00:30 in Berlin on 1 January is dated in
 * the new year), and any other name looked up in `values` ({country}, {retailer}, {type} …).
 * An unknown token is an error, not an empty string: a misspelt pattern must not silently produce
 * numbers that collide or read wrong on a legal document.
 */
export interface NumberPatternInput {
  pattern: string;
  seq: number;
  issuedAt: Date;
  timeZone: string;
  values: Readonly<Record<string, string | undefined>>;
}

const TOKEN = /\{([A-Za-z]+)(?::(\d+))?\}/g;

export function formatDocumentNumber(input: NumberPatternInput): string {
  return numberSegments(input)
    .map((segment) => (typeof segment === 'string' ? segment : padSeq(input.seq, segment.width)))
    .join('');
}

/** Where the sequence number goes in a pattern: {seq} or {seq:N}; width undefined means unpadded. */
export interface SeqSlot {
  width: number | undefined;
}

/**
 * The pattern with every token but {seq} filled in: literal text and the places of the sequence
 * number, in order. Lets the allocator write the number in the same statement that draws its sequence.
 */
export function numberSegments(input: Omit<NumberPatternInput, 'seq'>): Array<string | SeqSlot> {
  const { pattern } = input;
  if (!/\{seq(?::\d+)?\}/.test(pattern)) {
    throw new Error(`number pattern "${pattern}" has no {seq} token, so every document would get the same number`);
  }
  const date = datePartsIn(input.issuedAt, input.timeZone);
  const segments: Array<string | SeqSlot> = [];
  let text = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const [token, name, width] = match as unknown as [string, string, string | undefined];
    text += pattern.slice(last, match.index);
    last = match.index + token.length;
    if (name === 'seq') {
      segments.push(text, { width: width === undefined ? undefined : Number(width) });
      text = '';
      continue;
    }
    if (width !== undefined) throw new Error(`token ${token} in number pattern "${pattern}": only {seq} takes a width`);
    text += tokenValue(input, token, name, date);
  }
  text += pattern.slice(last);
  segments.push(text);
  if (segments.some((segment) => typeof segment === 'string' && /[{}]/.test(segment))) throw new Error(`number pattern "${pattern}" has a malformed token`);
  return segments.filter((segment) => segment !== '');
}

/** Zero-padded to width digits, never cut. */
export function padSeq(seq: number, width: number | undefined): string {
  return width === undefined ? String(seq) : String(seq).padStart(width, '0');
}

function tokenValue(input: Omit<NumberPatternInput, 'seq'>, token: string, name: string, date: { year: string; month: string; day: string }): string {
  switch (name) {
    case 'yyyy':
      return date.year;
    case 'yy':
      return date.year.slice(-2);
    case 'mm':
      return date.month;
    case 'dd':
      return date.day;
  }
  const value = input.values[name];
  if (value === undefined) throw new Error(`unknown token ${token} in number pattern "${input.pattern}"`);
  if (value === '') throw new Error(`token ${token} in number pattern "${input.pattern}" has an empty value`);
  return value;
}

function datePartsIn(instant: Date, timeZone: string): { year: string; month: string; day: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateFormatIn(timeZone).formatToParts(instant);
  } catch (error) {
    throw new Error(`time zone "${timeZone}" is not valid for numbering`, { cause: error });
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month'), day: part('day') };
}

/** Formatters by time zone: making one costs far more than using it, and there are few zones. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}
