/**
 * A small reader for PDF object syntax in the text of an uncompressed PDF (Chromium's output, read as
 * latin1 so that byte offsets and string offsets agree). It reads values — dictionaries, arrays, names,
 * numbers, references, strings, streams — and where each ends, which is all splitting a batch needs
 * (pdf-batch.ts, pdf-split.ts, pdf-structure.ts). Anything it does not understand throws.
 */

export class PdfSyntaxError extends Error {
  override name = 'PdfSyntaxError';
}

export type PdfValue =
  | { kind: 'dict'; entries: Map<string, PdfValue>; start: number; end: number }
  | { kind: 'array'; items: PdfValue[]; start: number; end: number }
  | { kind: 'ref'; num: number; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'string' | 'hex' | 'keyword'; start: number; end: number };

// Character classes of PDF syntax by char code (the text is latin1, so codes are bytes).
const WHITESPACE = new Uint8Array(256);
for (const code of [0, 9, 10, 12, 13, 32]) WHITESPACE[code] = 1;
const DELIMITER = new Uint8Array(WHITESPACE);
for (const char of '()<>[]{}/%') DELIMITER[char.charCodeAt(0)] = 1;

// Char codes compared below: the tokenizer reads codes, never one-character strings.
const PERCENT = 37;
const LF = 10;
const CR = 13;
const LESS = 60;
const GREATER = 62;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const BACKSLASH = 92;
const SLASH = 47;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const LETTER_R = 82;

function skipSpace(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && WHITESPACE[text.charCodeAt(i)] === 1) i += 1;
    if (text.charCodeAt(i) !== PERCENT) return i;
    while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i += 1;
  }
}

function tokenEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && DELIMITER[text.charCodeAt(i)] !== 1) i += 1;
  return i;
}

/** text[start, end) as an integer (an optional sign, then digits), or NaN if it is not one. */
function integerIn(text: string, start: number, end: number): number {
  let i = start;
  const first = text.charCodeAt(i);
  const sign = first === MINUS ? -1 : 1;
  if (first === PLUS || first === MINUS) i += 1;
  if (i >= end) return NaN;
  let value = 0;
  for (; i < end; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return sign * value;
}

/** Reads the value that starts at or after `at`. */
export function readValue(text: string, at: number): PdfValue {
  const start = skipSpace(text, at);
  if (start >= text.length) throw new PdfSyntaxError('Unexpected end of PDF');
  const code = text.charCodeAt(start);
  if (code === LESS && text.charCodeAt(start + 1) === LESS) {
    const entries = new Map<string, PdfValue>();
    let i = start + 2;
    for (;;) {
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === GREATER && text.charCodeAt(i + 1) === GREATER) return { kind: 'dict', entries, start, end: i + 2 };
      if (text.charCodeAt(i) !== SLASH) throw new PdfSyntaxError(`Dictionary key expected at ${i}`);
      const keyEnd = tokenEnd(text, i + 1);
      const value = readValue(text, keyEnd);
      entries.set(text.slice(i + 1, keyEnd), value);
      i = value.end;
    }
  }
  if (code === OPEN_BRACKET) {
    const items: PdfValue[] = [];
    let i = start + 1;
    for (;;) {
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === CLOSE_BRACKET) return { kind: 'array', items, start, end: i + 1 };
      const item = readValue(text, i);
      items.push(item);
      i = item.end;
    }
  }
  if (code === OPEN_PAREN) {
    let depth = 0;
    for (let i = start; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i += 1;
      else if (c === OPEN_PAREN) depth += 1;
      else if (c === CLOSE_PAREN && --depth === 0) return { kind: 'string', start, end: i + 1 };
    }
    throw new PdfSyntaxError('Unterminated string');
  }
  if (code === LESS) {
    const end = text.indexOf('>', start);
    if (end < 0) throw new PdfSyntaxError('Unterminated hex string');
    return { kind: 'hex', start, end: end + 1 };
  }
  if (code === SLASH) {
    const end = tokenEnd(text, start + 1);
    return { kind: 'name', value: text.slice(start + 1, end), start, end };
  }
  const end = tokenEnd(text, start);
  if (end === start) throw new PdfSyntaxError(`Unexpected "${text[start]}" at ${start}`);
  // "12 0 R" is a reference: look two tokens ahead.
  const integer = integerIn(text, start, end);
  if (!Number.isNaN(integer)) {
    const secondStart = skipSpace(text, end);
    const secondEnd = tokenEnd(text, secondStart);
    if (!Number.isNaN(integerIn(text, secondStart, secondEnd))) {
      const thirdStart = skipSpace(text, secondEnd);
      if (text.charCodeAt(thirdStart) === LETTER_R && tokenEnd(text, thirdStart) === thirdStart + 1) {
        return { kind: 'ref', num: integer, start, end: thirdStart + 1 };
      }
    }
    return { kind: 'number', value: integer, start, end };
  }
  const token = text.slice(start, end);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) return { kind: 'keyword', start, end };
  return { kind: 'number', value: Number(token), start, end };
}

/** Where indirect object `num` starts ("num 0 obj") and its value, found through the xref offsets. */
export interface IndirectObject {
  num: number;
  /** Offset of "num 0 obj" and just after its "endobj". */
  start: number;
  end: number;
  value: PdfValue;
  /** A stream object's data (offsets into the text), as stored: still encoded by its /Filter. */
  stream?: { start: number; end: number };
}

/** Reads the indirect object at `offset` ("num gen obj value [stream … endstream] endobj"). */
export function readIndirect(text: string, offset: number): IndirectObject {
  const header = /^(\d+) (\d+) obj\b/.exec(text.slice(offset, offset + 32));
  if (!header) throw new PdfSyntaxError(`No object at offset ${offset}`);
  const value = readValue(text, offset + header[0].length);
  let close = skipSpace(text, value.end);
  let stream: IndirectObject['stream'];
  if (text.startsWith('stream', close)) {
    // The data starts after the end of line that follows "stream"; its length is the dictionary's direct /Length.
    const eol = close + 'stream'.length;
    const start = text.startsWith('\r\n', eol) ? eol + 2 : text[eol] === '\n' ? eol + 1 : -1;
    const length = value.kind === 'dict' ? value.entries.get('Length') : undefined;
    if (start < 0 || length?.kind !== 'number') throw new PdfSyntaxError(`Stream ${header[1]} has no direct /Length or no end of line`);
    stream = { start, end: start + length.value };
    close = skipSpace(text, stream.end);
    if (!text.startsWith('endstream', close)) throw new PdfSyntaxError(`Stream ${header[1]} does not end where its /Length says`);
    close = skipSpace(text, close + 'endstream'.length);
  }
  if (!text.startsWith('endobj', close)) throw new PdfSyntaxError(`Object ${header[1]} is not a plain object`);
  return { num: Number(header[1]), start: offset, end: close + 'endobj'.length, value, ...(stream && { stream }) };
}

/** References in `value`, in the order they are written. */
export function referencesIn(value: PdfValue, found: Array<PdfValue & { kind: 'ref' }> = []): Array<PdfValue & { kind: 'ref' }> {
  if (value.kind === 'ref') found.push(value);
  else if (value.kind === 'array') for (const item of value.items) referencesIn(item, found);
  else if (value.kind === 'dict') for (const entry of value.entries.values()) referencesIn(entry, found);
  return found;
}

/** `value` as written, with each reference's object number replaced by `renumber(num)`. */
export function renumbered(text: string, value: PdfValue, renumber: (num: number) => number): string {
  let out = '';
  let at = value.start;
  // Sorted: a key written twice keeps its first place in the Map but its last value.
  for (const ref of referencesIn(value).sort((a, b) => a.start - b.start)) {
    out += `${text.slice(at, ref.start)}${renumber(ref.num)} 0 R`;
    at = ref.end;
  }
  return out + text.slice(at, value.end);
}

/** Offsets of every object in use, from the last cross-reference table (Chromium writes one, uncompressed). */
export function xrefOffsets(text: string): Map<number, number> {
  const startxref = text.lastIndexOf('startxref');
  const at = Number(/startxref\s+(\d+)/.exec(text.slice(startxref))?.[1]);
  if (!Number.isFinite(at) || !text.startsWith('xref', at)) throw new PdfSyntaxError('No cross-reference table');
  const offsets = new Map<number, number>();
  const lines = /(\d+) (\d+)\s*\r?\n|(\d{10}) (\d{5}) ([nf])\s*\r?\n?/y;
  lines.lastIndex = skipSpace(text, at + 4);
  let next = 0;
  for (let match = lines.exec(text); match; match = lines.exec(text)) {
    if (match[1] !== undefined) next = Number(match[1]);
    else {
      if (match[5] === 'n') offsets.set(next, Number(match[3]));
      next += 1;
    }
    lines.lastIndex = skipSpace(text, lines.lastIndex);
  }
  return offsets;
}
