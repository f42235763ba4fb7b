import { createHash } from 'node:crypto';
import nunjucks from 'nunjucks';
import { PermanentError } from '../core/errors.ts';
import type { ConfinedTemplateLoader } from './template-loader.ts';

/**
 * The minimal shape of nunjucks' parser and AST, which @types/nunjucks does not describe. nunjucks is
 * pinned (3.2.4), and this is the same parser that compiles the templates, so no dependency can hide from it.
 */
interface TemplateNode {
  typename: string;
  value?: unknown;
}
interface TemplateRefNode extends TemplateNode {
  template: TemplateNode;
}
interface Ast {
  findAll(type: unknown): TemplateRefNode[];
}
interface NunjucksInternals {
  parser: { parse(src: string): Ast };
  nodes: Record<'Extends' | 'Include' | 'Import' | 'FromImport', unknown>;
}
const internals = nunjucks as unknown as NunjucksInternals;
const REFERENCE_NODES = [internals.nodes.Extends, internals.nodes.Include, internals.nodes.Import, internals.nodes.FromImport];

/** Names of the templates one template source extends, includes or imports. */
export function referencedTemplates(name: string, src: string): string[] {
  const ast = internals.parser.parse(src);
  return REFERENCE_NODES.flatMap((type) => ast.findAll(type)).map((node) => {
    if (node.template.typename !== 'Literal' || typeof node.template.value !== 'string') {
      // A computed name would make the set of sources, and so the version, depend on the data.
      throw new PermanentError(`Template ${name} references another template by a computed name; use a literal`);
    }
    return node.template.value;
  });
}

/**
 * A short hash over the sources of a template and everything it pulls in, as this loader resolves them
 * (retailer overrides included). A document records it, so "which template made this PDF" has an answer.
 */
export function templateVersion(loader: ConfinedTemplateLoader, rootName: string): string {
  const sources = new Map<string, string>();
  const pending = [rootName];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (sources.has(name)) continue;
    const { src } = loader.getSource(name);
    sources.set(name, src);
    pending.push(...referencedTemplates(name, src));
  }
  const hash = createHash('sha256');
  for (const name of [...sources.keys()].sort()) {
    hash.update(`${name}\0${sources.get(name)}\0`);
  }
  return hash.digest('hex').slice(0, 12);
}
