import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJarManifest, readPluginJar } from '../../connector/install/plugin-jar.ts';
import { buildPluginJar } from './support/plugin-jar.ts';

describe('reading a rule plugin jar', () => {
  it('finds the bundle name and the @RuleInfo classes in a jar built by the JDK', () => {
    const jar = buildPluginJar({ symbolicName: 'ACME.folio', version: '1.2.0', rules: ['SendDocumentWebhook', 'ApplyDocumentUpdate'] });
    expect(readPluginJar(readFileSync(jar))).toEqual({
      symbolicName: 'ACME.folio',
      version: '1.2.0',
      bundleName: 'ACME.folio::1.2.0',
      ruleClasses: ['ApplyDocumentUpdate', 'SendDocumentWebhook'],
    });
  });

  it('joins continuation lines in MANIFEST.MF and stops at the first blank line', () => {
    const manifest = parseJarManifest('Manifest-Version: 1.0\r\nBundle-SymbolicName: ACME.a-very-long\r\n -name\r\n\r\nName: x\r\nBundle-Version: 9\r\n');
    expect(Object.fromEntries(manifest)).toEqual({ 'Manifest-Version': '1.0', 'Bundle-SymbolicName': 'ACME.a-very-long-name' });
  });

  it('explains what is wrong with a file that is not a plugin', () => {
    expect(() => readPluginJar(Buffer.from('not a zip at all, just text'))).toThrow(/not a jar/);
    const noManifest = buildPluginJar({ symbolicName: 'ACME.folio', version: '1.0.0', rules: ['X'], withManifest: false });
    expect(() => readPluginJar(readFileSync(noManifest))).toThrow(/no META-INF\/MANIFEST.MF/);
  });
});
