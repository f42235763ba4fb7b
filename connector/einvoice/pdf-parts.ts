import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';

/**
 * Reading back what a Factur-X PDF carries: its embedded files (factur-x.xml) and its XMP metadata.
 * With pdf-lib's object model, so that a test or `folio einvoice validate` checks the PDF as stored.
 */

function streamBytes(object: PDFObject | undefined): Uint8Array | undefined {
  if (object instanceof PDFRawStream) return decodePDFRawStream(object).decode();
  return undefined;
}

function nameText(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** Every embedded file by name, from the catalog's EmbeddedFiles name tree. */
export async function embeddedFiles(pdf: Uint8Array): Promise<Map<string, Uint8Array>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const files = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 16) return;
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const name = nameText(pairs.lookup(i));
      const spec = pairs.lookup(i + 1);
      const ef = spec instanceof PDFDict ? spec.lookupMaybe(PDFName.of('EF'), PDFDict) : undefined;
      const bytes = streamBytes(ef?.lookup(PDFName.of('F')));
      if (name && bytes) files.set(name, bytes);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i += 1) visit(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  visit(root, 0);
  return files;
}

/** The XMP metadata packet of the document catalog, as text. */
export async function xmpMetadata(pdf: Uint8Array): Promise<string | undefined> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const bytes = streamBytes(doc.catalog.lookup(PDFName.of('Metadata')));
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}
