import { XMLParser } from 'fast-xml-parser';

/**
 * Reading parsed XML without caring whether an element occurred once or many times, or carries
 * attributes. Namespace prefixes are dropped: UBL and CII files from other tools use other prefixes.
 */
export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Never follow DOCTYPE entity declarations: files given to `folio einvoice validate` may be anyone's.
  htmlEntities: false,
});

export function parseXml(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode;
}

/** Every occurrence of `name` under `node` (none, one or many). */
export function all(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'object' && item !== null ? (item as XmlNode) : { '#text': item }));
}

/** The first occurrence along a path of element names. */
export function first(node: unknown, ...path: string[]): XmlNode | undefined {
  let current: XmlNode | undefined = node as XmlNode | undefined;
  for (const name of path) {
    current = all(current, name)[0];
    if (!current) return undefined;
  }
  return current;
}

/** The text of the first element along a path, trimmed; undefined when absent or empty. */
export function text(node: unknown, ...path: string[]): string | undefined {
  const found = first(node, ...path);
  const value = found?.['#text'];
  if (value === undefined || value === null) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An attribute of the first element along a path. */
export function attribute(node: unknown, name: string, ...path: string[]): string | undefined {
  const value = first(node, ...path)?.[`@${name}`];
  return value === undefined ? undefined : String(value);
}
