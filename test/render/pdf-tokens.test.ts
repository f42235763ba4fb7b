import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfSyntaxError, readIndirect, readValue, xrefOffsets, type PdfValue } from '../../connector/render/pdf-tokens.ts';

/** A value as plain data, to compare with toEqual. */
function plain(value: PdfValue, text: string): unknown {
  switch (value.kind) {
    case 'dict':
      return Object.fromEntries([...value.entries].map(([key, entry]) => [key, plain(entry, text)]));
    case 'array':
      return value.items.map((item) => plain(item, text));
    case 'ref':
      return `ref ${value.num}`;
    case 'number':
      return value.value;
    case 'name':
      return `/${value.value}`;
    default:
      return text.slice(value.start, value.end);
  }
}

describe('PDF object syntax reader', () => {
  it('reads the values a structure element holds: names, numbers, references, strings, nested dictionaries', () => {
    const text = `<</Type /StructElem\n/S /TD\n/P 55 0 R\n/K [3 4 0 R <</Type /MCR\n/Pg 8 0 R\n/MCID 2>>]\n/A [<</O /Table\n/Headers [(node00000457)]>>]\n/Alt (a (nested) \\) string)\n/ActualText <FEFF0645>\n/Scale -1.5 /On true>>`;
    const value = readValue(text, 0);
    expect(value.end).toBe(text.length);
    expect(plain(value, text)).toEqual({
      Type: '/StructElem',
      S: '/TD',
      P: 'ref 55',
      K: [3, 'ref 4', { Type: '/MCR', Pg: 'ref 8', MCID: 2 }],
      A: [{ O: '/Table', Headers: ['(node00000457)'] }],
      Alt: '(a (nested) \\) string)',
      ActualText: '<FEFF0645>',
      Scale: -1.5,
      On: 'true',
    });
  });

  it('tells integers, reals, references and keywords apart in every form PDF allows', () => {
    const text = '[-12 +3 007 -0 0.5 -.25 4. 1e5 7 0 R 9 0 Rx 10 0 obj 11 0 R/N 12 0 R] null';
    expect(plain(readValue(text, 0), text)).toEqual([-12, 3, 7, -0, 0.5, -0.25, 4, '1e5', 'ref 7', 9, 0, 'Rx', 10, 0, 'obj', 'ref 11', '/N', 'ref 12']);
    expect(plain(readValue(text, text.indexOf(']') + 1), text)).toBe('null');
    // A number at the very end, with nothing to look ahead at.
    expect(plain(readValue('  42', 0), '  42')).toBe(42);
  });

  it('reads the objects of a PDF through its cross-reference table', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.setTitle('Offsets (checked)');
    const text = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
    const offsets = xrefOffsets(text);
    expect(offsets.size).toBeGreaterThan(3);
    for (const [num, offset] of offsets) {
      const object = readIndirect(text, offset);
      expect(object.num).toBe(num);
      expect(text.slice(object.end - 'endobj'.length, object.end)).toBe('endobj');
    }
  });

  it('refuses what it cannot read', () => {
    expect(() => readValue('<</S (unterminated', 0)).toThrow(PdfSyntaxError);
    expect(() => readValue('<</S /X', 0)).toThrow(PdfSyntaxError);
    expect(() => readValue('<< 12 /X >>', 0)).toThrow(/Dictionary key expected/);
    expect(() => xrefOffsets('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')).toThrow(/No cross-reference table/);
  });
});
