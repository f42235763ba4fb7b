import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FOLIO_QUERIES } from '../../connector/fetch/queries/index.ts';
import { fluentSchema } from './support/fluent-schema.ts';

// Every query document Folio sends must be valid against the real Fluent SDL: a misspelt field
// would only show up as a GraphQL error at run time.
describe('Folio query documents against the Fluent 2020 SDL', () => {
  for (const [name, query] of Object.entries(FOLIO_QUERIES)) {
    it(`${name} is valid`, () => {
      const errors = validate(fluentSchema(), parse(query)).map((e) => e.message);
      expect(errors).toEqual([]);
    });
  }

  it('rejects a field the SDL lacks (the check has teeth)', () => {
    const errors = validate(fluentSchema(), parse('query { invoice(ref: "x") { ref totalDiscount } }'));
    expect(errors.map((e) => e.message).join()).toContain('Cannot query field "totalDiscount" on type "Invoice"');
  });
});
