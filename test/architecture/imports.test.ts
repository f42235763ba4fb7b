import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED } from './allowed-back-edges.ts';
import { violationsOf, type RuleViolations } from './dependency-rules.ts';
import { graphOfSources, graphOfTree } from './import-graph.ts';

const CONNECTOR = fileURLToPath(new URL('../../connector/', import.meta.url));

const RULES: Record<keyof RuleViolations, string> = {
  cycles: '(a) no file-level import cycle',
  composeFetch: '(b) no import between compose/ and fetch/',
  intoPipeline: '(c) no import from a step folder into pipeline/',
  coreOutward: '(d) core/ imports nothing but core/ and fluent/',
};

describe('the connector’s dependency rules', () => {
  const found = violationsOf(graphOfTree(CONNECTOR));

  for (const [rule, title] of Object.entries(RULES) as [keyof RuleViolations, string][]) {
    it(`${title}, beyond today's allow-list`, () => {
      const allowed = new Set(ALLOWED[rule]);
      expect(found[rule].filter((violation) => !allowed.has(violation)), `new ${rule} violations: fix the import (or, never for a new file, allow-list it in allowed-back-edges.ts)`).toEqual([]);
    });

    it(`${title}: the allow-list only shrinks`, () => {
      const present = new Set(found[rule]);
      expect(ALLOWED[rule].filter((violation) => !present.has(violation)), `fixed: delete these from ALLOWED.${rule} in allowed-back-edges.ts`).toEqual([]);
    });
  }
});

describe('the dependency checker itself', () => {
  const fixture = graphOfSources({
    'a/x.ts': "import { y } from './y.ts';\nexport const x = 1;",
    'a/y.ts': "import type { X } from './x.ts';\nexport const y = 2;",
    'a/self.ts': "export * from './self.ts';",
    'compose/model.ts': "import { z } from 'zod';\nexport type { Row } from '../fetch/query.ts';",
    'fetch/query.ts': "export const load = () => import('../compose/model.ts');",
    'render/html.ts': "import { PermanentError } from '../pipeline/outcome.ts';",
    'app/wire.ts': "import { run } from '../pipeline/run.ts';",
    'main.ts': "import { run } from './pipeline/run.ts';",
    'pipeline/outcome.ts': 'export class PermanentError extends Error {}',
    'pipeline/run.ts': "import { PermanentError } from './outcome.ts';",
    'core/errors.ts': 'export class PermanentError extends Error {}',
    'core/ports/store.ts': "import type { FluentEvent } from '../../fluent/event.ts';\nimport { PermanentError } from '../errors.ts';\nimport type { Row } from '../../store/row.ts';",
  });

  it('finds cycles through type-only imports, re-exports and dynamic imports, and self-imports', () => {
    expect(violationsOf(fixture).cycles).toEqual(['a/self.ts', 'a/x.ts ↔ a/y.ts', 'compose/model.ts ↔ fetch/query.ts']);
  });

  it('finds compose ↔ fetch imports either way, and step → pipeline imports, but not the composition roots’', () => {
    const { composeFetch, intoPipeline } = violationsOf(fixture);
    expect(composeFetch).toEqual(['compose/model.ts -> fetch/query.ts', 'fetch/query.ts -> compose/model.ts']);
    expect(intoPipeline).toEqual(['render/html.ts -> pipeline/outcome.ts']);
  });

  it('finds core/ imports of anything but core/ and fluent/', () => {
    expect(violationsOf(fixture).coreOutward).toEqual(['core/ports/store.ts -> store/row.ts']);
  });

  it('reads the real tree: the graph knows the connector’s files and their imports', () => {
    const graph = graphOfTree(CONNECTOR);
    expect(graph.get('queue/inbox-dispatcher.ts')).toContain('audit/record-received.ts');
    expect(graph.size).toBeGreaterThan(100);
  });
});
