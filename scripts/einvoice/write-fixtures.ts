import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fixtureName, fixtureXml, plainPdf, type OfficialVerdict } from '../../test/einvoice/support/fixture-files.ts';
import { NAMED_CASES } from '../../test/einvoice/support/named-cases.ts';

/**
 * Writes test/fixtures/einvoice/: every named case (test/einvoice/support/named-cases.ts) in its formats,
 * and the official rules' verdict on each file (verdicts.json), from validate.sh --json --rules auto.
 * A dev instrument, run by hand when the mapping or the cases change:
 *
 *   npx tsx scripts/einvoice/write-fixtures.ts --validator /path/to/einvoice/validate.sh
 */
const { values } = parseArgs({ options: { validator: { type: 'string' }, out: { type: 'string', default: 'test/fixtures/einvoice' } } });
if (!values.validator) {
  console.error('usage: write-fixtures.ts --validator /path/to/validate.sh [--out DIR]');
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const pdf = await plainPdf();
const files: string[] = [];
for (const named of NAMED_CASES) {
  for (const format of named.formats) {
    const file = join(out, fixtureName(named.name, format));
    writeFileSync(file, await fixtureXml(named, format, pdf));
    files.push(file);
  }
}
const stdout = await new Promise<string>((done, reject) =>
  execFile(resolve(values.validator!), ['--json', '--rules', 'auto', ...files], { maxBuffer: 1 << 28 }, (error, text, stderr) => {
    const code = (error as { code?: number } | null)?.code;
    if (error && code !== 1) return reject(new Error(stderr || String(error)));
    done(text);
  }),
);
const verdicts: Record<string, OfficialVerdict> = {};
for (const line of stdout.split('\n').filter(Boolean)) {
  const { file, ruleSets, customizationId, fatal, warning, fatalIds } = JSON.parse(line) as OfficialVerdict & { file: string };
  verdicts[basename(file)] = { ruleSets, customizationId, fatal, warning, fatalIds };
}
writeFileSync(join(out, 'verdicts.json'), `${JSON.stringify(verdicts, null, 2)}\n`);
for (const [file, verdict] of Object.entries(verdicts)) console.log(`${file}: ${verdict.fatal} fatal, ${verdict.warning} warning [${verdict.fatalIds.join(', ')}]`);
