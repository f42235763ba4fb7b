import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DOCUMENT_TYPES, documentSchema, type DocumentModel } from '../../core/document-model.ts';
import { createChromiumRenderer } from '../../render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../render/html.ts';
import { themeSchema, type Theme } from '../../render/theme.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { readJson, validated } from '../json-input.ts';

const usage = [
  'Usage: folio render --type <type> --data <document.json> [--locale <locale>] [--theme <theme.json>]',
  '                    [--template <name.njk>] [--out <file>] [--html]',
  '',
  'Renders one document with the shared templates, for template designers: a PDF through Chromium, or',
  'with --html the HTML Chromium would print. The data is a document model (see samples/ for one per type).',
  '',
  `  --type      one of: ${DOCUMENT_TYPES.join(', ')} (must match the data's "type")`,
  '  --data      document model JSON, e.g. samples/invoice.json',
  "  --locale    print in this locale instead of the data's (en, de, fr, es, it, nl, tr, ar, he, ja, zh; en-US → Letter)",
  '  --theme     retailer theme JSON (brandName, primaryColor, logoDataUrl, fontFamily, address, legalFooter, terms, paper)',
  '  --template  another template, e.g. a custom document\'s own (default: the one named after the type)',
  '  --out       output file (default: <type>.pdf, or <type>.html with --html)',
  '  --html      write the HTML instead of the PDF',
].join('\n');

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        type: { type: 'string' },
        data: { type: 'string' },
        locale: { type: 'string' },
        theme: { type: 'string' },
        template: { type: 'string' },
        out: { type: 'string' },
        html: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}


export const renderCommand: Command = {
  path: ['render'],
  summary: 'Render one document (sample data + template) to PDF or HTML, for template designers',
  usage,
  async run(args) {
    const values = options(args);
    if (!values.type) throw new UsageError('missing --type');
    if (!values.data) throw new UsageError('missing --data');
    const type = values.type;
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`unknown --type "${type}"; one of: ${DOCUMENT_TYPES.join(', ')}`);
    }
    const doc: DocumentModel = validated(documentSchema, await readJson(values.data, 'data'), values.data);
    if (doc.type !== type) throw new UsageError(`--type ${type}, but ${values.data} holds a document of type "${doc.type}"`);
    const theme: Theme | undefined = values.theme ? validated(themeSchema, await readJson(values.theme, 'theme'), values.theme) : undefined;
    const rendered = renderDocumentHtml(doc, { theme, locale: values.locale, template: values.template });
    const out = values.out ?? `${type}.${values.html ? 'html' : 'pdf'}`;
    if (values.html) {
      await writeFile(out, rendered.html);
    } else {
      // One document: no batching, and the browser closes as soon as it is printed.
      const renderer = createChromiumRenderer({ batch: false });
      try {
        await writeFile(out, await renderer.renderPdf(rendered.html, { format: rendered.paper }));
      } finally {
        await renderer.close();
      }
    }
    console.log(`wrote ${out} (${values.html ? 'HTML' : `PDF, ${rendered.paper}`}, template version ${rendered.templateVersion})`);
    return 0;
  },
};
