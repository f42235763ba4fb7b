import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds a small plugin jar with the JDK's `jar` tool: an OSGi manifest and, per rule, a class file
 * stub whose constant pool names @RuleInfo (all the emulator looks for), plus one helper class that is
 * not a rule. Not loadable by a JVM, but a real jar as far as zip and manifest go.
 */
export function buildPluginJar(options: { symbolicName: string; version: string; rules: string[]; withManifest?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-jar-'));
  const classes = join(dir, 'classes', 'com', 'acme', 'rules');
  mkdirSync(classes, { recursive: true });
  const classFile = (body: string) => Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe]), Buffer.from(body)]);
  for (const rule of options.rules) writeFileSync(join(classes, `${rule}.class`), classFile(`${rule} Lcom/fluentretail/rubix/rule/meta/RuleInfo; RuntimeVisibleAnnotations`));
  writeFileSync(join(classes, 'Helper.class'), classFile('Helper java/lang/Object'));
  const manifest = join(dir, 'MANIFEST.MF');
  writeFileSync(manifest, `Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: ${options.symbolicName};singleton:=true\nBundle-Version: ${options.version}\n`);
  const jar = join(dir, `${options.symbolicName}-${options.version}.jar`);
  const manifestArgs = options.withManifest === false ? ['--no-manifest'] : ['--manifest', manifest];
  execFileSync('jar', ['--create', '--file', jar, ...manifestArgs, '-C', join(dir, 'classes'), '.']);
  return jar;
}
