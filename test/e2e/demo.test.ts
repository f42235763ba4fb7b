import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** The README's main command must keep working: the demo runs the whole loop for every document type. */
describe('npm run demo', () => {
  it('runs the loop on embedded defaults and ends with one JSON line: every document made, none failed', async () => {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(TSX, ['scripts/demo.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' } });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.once('error', reject);
      child.once('close', (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    expect(code, stdout).toBe(0);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as { documents: number; failed: number; pdf: string };
    expect(last).toEqual({ documents: 10, failed: 0, pdf: 'var/demo/files/ACME/1/invoice/INV-GB2026-000001.pdf' });
    expect(stdout).toContain('folioViewUrl = http://127.0.0.1:');
    expect(stdout).toMatch(/emailed to ada@example\.com: "Your invoice INV-GB2026-000001"/);
    // Every invoice, debit and credit note also as UBL, CII and Factur-X, listed in the summary.
    for (const [label, file] of [['invoice', 'invoice/INV-GB2026-000001'], ['credit note', 'credit_note/CN-GB2026-000001'], ['debit note', 'debit_note/DN-GB2026-000001'], ['package invoice 2/2', 'invoice/INV-GB2026-000003']]) {
      for (const [format, ending] of [['ubl', 'ubl.xml'], ['cii', 'cii.xml'], ['factur-x', 'factur-x.pdf']]) {
        expect(stdout).toContain(`  ${label!.padEnd(22)} ${format!.padEnd(10)} var/demo/files/ACME/1/${file}.${ending}`);
      }
    }
  }, 180_000);
});
