import { describe, expect, it } from 'vitest';
import { isChecked, withNumber } from '../../connector/core/checked-model.ts';
import { finalizeDocument } from '../../connector/compose/finalize.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from '../render/fixtures/sample-invoice.ts';

describe('checked models: parsed once by the builder, not again by the template engine', () => {
  it('marks what finalizeDocument answers as checked and freezes all of it, so it stays what was checked', () => {
    const model = finalizeDocument({ ...sampleInvoice(), number: undefined });
    expect(isChecked(model)).toBe(true);
    expect(() => {
      (model as { currency: string }).currency = 'EURO';
    }).toThrow(TypeError);
    expect(() => {
      (model.lines[0] as { netMinor: number }).netMinor = -1;
    }).toThrow(TypeError);
    expect(() => (model.lines as unknown[]).push({})).toThrow(TypeError);
  });

  it('keeps the mark when the number is added, and never gives it to a model nobody checked', () => {
    const model = finalizeDocument({ ...sampleInvoice(), number: undefined });
    const numbered = withNumber(model, 'INV-2026-000042');
    expect(numbered).toEqual({ ...model, number: 'INV-2026-000042' });
    expect(isChecked(numbered)).toBe(true);
    expect(isChecked({ ...model })).toBe(false);
    const unchecked = withNumber(sampleInvoice(), 'INV-1');
    expect(isChecked(unchecked)).toBe(false);
    expect(Object.isFrozen(unchecked)).toBe(false);
  });

  it('renders a checked model exactly as the same model checked by the engine itself', () => {
    const checked = withNumber(finalizeDocument({ ...sampleInvoice(), number: undefined }), 'INV-2026-000042');
    const unchecked = structuredClone(checked);
    expect(isChecked(unchecked)).toBe(false);
    expect(renderDocumentHtml(checked).html).toBe(renderDocumentHtml(unchecked).html);
  });

  it('still checks every model that did not come from a builder', () => {
    expect(() => renderDocumentHtml({ ...sampleInvoice(), currency: 'EURO' })).toThrow(/Invalid document model/);
    expect(() => renderDocumentHtml(withNumber({ ...sampleInvoice(), currency: 'EURO' }, 'INV-1'))).toThrow(/Invalid document model/);
  });
});
