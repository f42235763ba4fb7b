/** Turns self-contained HTML (all assets inlined) into PDF bytes. The real adapter drives Chromium. */
export interface PdfRenderer {
  renderPdf(html: string, options?: RenderOptions): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RenderOptions {
  /** Paper size; A4 unless the locale or configuration says Letter. */
  format?: 'A4' | 'Letter';
  /** Upper bound for this one document; the adapter has its own default (30 s for Chromium). */
  timeoutMs?: number;
}
