import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FOLIO, FOLIO_NODE_OPTIONS, nodeOptionsOf } from '../../scripts/load/child-process.ts';
import { runFolio } from './support/run-folio.ts';

describe("folio's Node options, from its shebang", () => {
  it('reads the options of a `#!/usr/bin/env -S node` line', () => {
    expect(nodeOptionsOf('#!/usr/bin/env -S node --max-semi-space-size=64 --stack-trace-limit=20\n// …')).toEqual(['--max-semi-space-size=64', '--stack-trace-limit=20']);
    expect(nodeOptionsOf('#!/usr/bin/env -S node\n')).toEqual([]);
  });

  it('refuses any other first line, naming it', () => {
    expect(() => nodeOptionsOf('#!/usr/bin/env node\n')).toThrow('bin/folio.mjs must start with "#!/usr/bin/env -S node [--option…]", not "#!/usr/bin/env node"');
    expect(() => nodeOptionsOf('#!/usr/bin/env -S node --x; rm -rf /\n')).toThrow(/not "#!\/usr\/bin\/env -S node --x; rm -rf \/"/);
  });

  it('gives the connector a young generation of 64 MB semi-spaces, and children started by benches and tests get it too', () => {
    expect(readFileSync(FOLIO, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env -S node --max-semi-space-size=64');
    expect(FOLIO_NODE_OPTIONS).toEqual(['--max-semi-space-size=64']);
  });

  it('starts as an executable, through its shebang, as npm start and an installed `folio` do', async () => {
    const run = await runFolio(['--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: folio <command> [options]');
  });
});
