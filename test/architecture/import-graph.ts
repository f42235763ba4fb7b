import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The file-level import graph of a source tree, read with TypeScript's own parser (no new dependency):
 * every relative `import`, `import type`, `export … from` and `import('…')`, keyed by paths relative to
 * the tree's root with `/` separators. Type-only imports count: a port imported for its type is still a
 * dependency on the module that declares it.
 */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The relative module specifiers one file imports. */
export function importsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

/** The graph of sources given as { path relative to the root: text }; imports leaving the root are dropped. */
export function graphOfSources(sources: Readonly<Record<string, string>>): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(sources)) {
    const targets = importsOf(file, text)
      .map((specifier) => join(dirname(file), specifier).split(sep).join('/'))
      .filter((target) => !target.startsWith('..'));
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/** The graph of every .ts file under root. */
export function graphOfTree(root: string): ImportGraph {
  const sources: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = resolve(entry.parentPath, entry.name);
    sources[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return graphOfSources(sources);
}

/** Every import cycle, as its files sorted (Tarjan's strongly connected components, plus self-imports). */
export function cyclesOf(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (file: string): void => {
    index.set(file, index.size);
    lowLink.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The top folder of a path (`fetch/queries/x.ts` → `fetch`); a file at the root has none. */
export function folderOf(file: string): string | undefined {
  const slash = file.indexOf('/');
  return slash < 0 ? undefined : file.slice(0, slash);
}

/** Every import `from → to` for which `forbidden(fromFolder, toFolder)` holds, as "from -> to". */
export function edgesBetween(graph: ImportGraph, forbidden: (from: string | undefined, to: string | undefined) => boolean): string[] {
  const edges: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) if (forbidden(folderOf(file), folderOf(target))) edges.push(`${file} -> ${target}`);
  }
  return edges.sort();
}
