import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CREDIT_MEMO_PAGE_QUERY, INVOICE_PAGE_QUERY } from '../../connector/fetch/queries/billing-entity-pages.ts';
import { fluentSchema } from '../compose/support/fluent-schema.ts';

const emulatorSchema = buildSchema(readFileSync(new URL('../../scripts/emulator/schema.graphql', import.meta.url), 'utf8'));

// The sweep's and backfill's searches must be valid against Fluent's real SDL (a misspelt filter would
// only fail on a real account) and against the emulator's, which answers them in the tests.
describe('reconciliation search queries', () => {
  for (const [name, query] of Object.entries({ INVOICE_PAGE_QUERY, CREDIT_MEMO_PAGE_QUERY })) {
    it(`${name} is valid against the real Fluent SDL and the emulator's`, () => {
      expect(validate(fluentSchema(), parse(query)).map((e) => e.message)).toEqual([]);
      expect(validate(emulatorSchema, parse(query)).map((e) => e.message)).toEqual([]);
    });
  }
});
