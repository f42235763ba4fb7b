import { writeFileSync } from 'node:fs';
import { createChromiumRenderer } from '../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from '../../test/render/fixtures/sample-invoice.ts';
const r = createChromiumRenderer({ batch: false });
writeFileSync('/tmp/exp/zh1.pdf', await r.renderPdf(renderDocumentHtml(sampleInvoice({ lineCount: 45, buyerName: 'Gamma Buyer' }), { locale: 'zh' }).html));
await r.close();
