import { inflateRawSync } from 'node:zlib';

/**
 * Reads what Fluent reads from a rule plugin jar: its OSGi bundle name (Bundle-SymbolicName and
 * Bundle-Version in META-INF/MANIFEST.MF; REFERENCE.md §5-6, e.g. `ACME.folio::1.0.0`) and which
 * classes are rules (annotated @RuleInfo). A jar is a zip; only stored and deflated entries occur.
 */
export interface PluginJar {
  symbolicName: string;
  version: string;
  /** `<symbolicName>::<version>`, the name the install and status endpoints use. */
  bundleName: string;
  /** Simple names of the classes annotated @RuleInfo (INFERRED: Fluent names the rule after them). */
  ruleClasses: string[];
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The annotation's type descriptor as it appears in a class file's constant pool. */
const RULE_INFO_DESCRIPTOR = Buffer.from('Lcom/fluentretail/rubix/rule/meta/RuleInfo;');

export class PluginJarError extends Error {
  override readonly name = 'PluginJarError';
}

interface ZipEntry {
  name: string;
  read(): Buffer;
}

export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new PluginJarError('not a jar: no zip directory found');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new PluginJarError('not a jar: damaged zip directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const headerAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name,
      read: () => {
        if (zip.readUInt32LE(headerAt) !== LOCAL) throw new PluginJarError(`not a jar: damaged entry ${name}`);
        const start = headerAt + 30 + zip.readUInt16LE(headerAt + 26) + zip.readUInt16LE(headerAt + 28);
        const raw = zip.subarray(start, start + size);
        if (method === 0) return raw;
        if (method === 8) return inflateRawSync(raw);
        throw new PluginJarError(`entry ${name} uses zip method ${method}, which jars do not`);
      },
    });
  }
  return entries;
}

/** MANIFEST.MF main section: `Key: value` lines, continuation lines start with one space. */
export function parseJarManifest(text: string): Map<string, string> {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && lines.length > 0) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  return new Map(lines.filter((line) => line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
}

export function readPluginJar(jar: Buffer): PluginJar {
  const entries = zipEntries(jar);
  const manifestEntry = entries.find((e) => e.name === 'META-INF/MANIFEST.MF');
  if (!manifestEntry) throw new PluginJarError('the jar has no META-INF/MANIFEST.MF; build it with the plugin archetype (maven-bundle-plugin)');
  const manifest = parseJarManifest(manifestEntry.read().toString('utf8'));
  // Bundle-SymbolicName may carry directives: "ACME.folio;singleton:=true".
  const symbolicName = manifest.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
  const version = manifest.get('Bundle-Version');
  if (!symbolicName || !version) throw new PluginJarError('MANIFEST.MF lacks Bundle-SymbolicName or Bundle-Version: not an OSGi bundle, so Fluent cannot install it');
  const ruleClasses = entries
    .filter((e) => e.name.endsWith('.class') && !e.name.includes('$') && e.read().includes(RULE_INFO_DESCRIPTOR))
    .map((e) => e.name.slice(e.name.lastIndexOf('/') + 1, -'.class'.length))
    .sort();
  return { symbolicName, version, bundleName: `${symbolicName}::${version}`, ruleClasses };
}
