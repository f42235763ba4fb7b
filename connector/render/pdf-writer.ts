/**
 * Writes a PDF from ready-made object text: numbers handed out in order, each object set once, then one
 * cross-reference table. Text is latin1 (one character per byte), as the batch it is cut from was read.
 */
export class PdfWriter {
  private readonly bodies: Array<string | undefined> = [];

  /** A new object number. */
  next(): number {
    this.bodies.push(undefined);
    return this.bodies.length;
  }

  /** Object `num`'s value (a dictionary, array…), with its stream data if it has one. */
  set(num: number, value: string, stream?: string): void {
    if (num < 1 || num > this.bodies.length || this.bodies[num - 1] !== undefined) throw new Error(`PDF object ${num} was not handed out or is set twice`);
    this.bodies[num - 1] = stream === undefined ? `${value}\nendobj\n` : `${value}\nstream\n${stream}\nendstream\nendobj\n`;
  }

  /** The whole file: `header` ("%PDF-1.x" and its binary comment), the objects, the table, the trailer. */
  toBuffer(header: string, trailer: { root: number; info: number }): Buffer {
    const chunks = [header];
    const offsets: number[] = [];
    let at = header.length;
    this.bodies.forEach((body, index) => {
      if (body === undefined) throw new Error(`PDF object ${index + 1} was handed out but never set`);
      const object = `${index + 1} 0 obj\n${body}`;
      offsets.push(at);
      chunks.push(object);
      at += object.length;
    });
    const size = this.bodies.length + 1;
    chunks.push(`xref\n0 ${size}\n0000000000 65535 f \n`);
    for (const offset of offsets) chunks.push(`${String(offset).padStart(10, '0')} 00000 n \n`);
    chunks.push(`trailer\n<</Size ${size}\n/Root ${trailer.root} 0 R\n/Info ${trailer.info} 0 R>>\nstartxref\n${at}\n%%EOF\n`);
    return Buffer.from(chunks.join(''), 'latin1');
  }
}

/** A PDF literal string; for ASCII text such as a BCP 47 language tag. */
export const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`;

/** A PDF text string for any text: UTF-16BE with its byte order mark, in hex (ISO 32000-1, 7.9.2.2). */
export function pdfTextString(text: string): string {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}

/** A PDF date (ISO 32000-1, 7.9.4) in UTC. */
export function pdfDate(date: Date): string {
  return `(D:${date.toISOString().replace(/[-:T]|\.\d+Z$/g, '')}Z)`;
}
