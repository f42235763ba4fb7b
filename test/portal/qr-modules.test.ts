import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrModules } from '../../connector/portal/qr-modules.ts';

/** Order links of every shape a retailer's refs take, and longer texts up to version 20 and beyond. */
function texts(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 160; i += 1) out.push(`https://folio.acme.example/portal/ACME/${i % 7}/o/ORD-${(i * 7919) % 100000}`);
  for (let i = 0; i < 40; i += 1) out.push(`https://documents.retailer-with-a-long-name.example/portal/${'RETAILER'.repeat(1 + (i % 4))}/${i}/o/${encodeURIComponent(`Bestellung ${i} – Größe`)}`);
  for (let length = 1; length <= 1200; length += 53) out.push('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz-/'.repeat(20).slice(length % 11, length % 11 + length));
  out.push('1234567890'.repeat(30), 'ÄÖÜ äöü ß'.repeat(20), 'a');
  return out;
}

describe('QR modules', () => {
  it('are exactly the modules, version and mask the qrcode package makes, for codes of every size', () => {
    const versions = new Set<number>();
    const masks = new Set<number>();
    for (const text of texts()) {
      const reference = QRCode.create(text, { errorCorrectionLevel: 'M' });
      const ours = qrModules(text);
      expect(ours.size, text).toBe(reference.modules.size);
      expect(Buffer.from(ours.dark).equals(Buffer.from(reference.modules.data)), text).toBe(true);
      versions.add(reference.version);
      masks.add(reference.maskPattern!);
    }
    // The comparison covers small and large symbols (version information from 7 on) and every mask winning.
    expect(Math.min(...versions)).toBeLessThanOrEqual(2);
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(20);
    expect([...masks].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives the same modules for the same text every time', () => {
    const text = 'https://folio.acme.example/portal/ACME/1/o/ORD-1';
    expect(Buffer.from(qrModules(text).dark).equals(Buffer.from(qrModules(text).dark))).toBe(true);
  });
});
