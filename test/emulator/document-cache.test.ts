import { graphql, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GraphqlContext } from '../../scripts/emulator/graphql/context.ts';
import { emulatorSchema, GraphqlExecutor } from '../../scripts/emulator/graphql/executor.ts';
import { LruMap } from '../../scripts/emulator/graphql/lru-map.ts';
import { PreparedDocuments } from '../../scripts/emulator/graphql/prepared-documents.ts';
import { EntityStore } from '../../scripts/emulator/store.ts';

/** A result as a client sees it: GraphQLErrors become {message, locations, path}. */
const wire = (result: ExecutionResult) => JSON.parse(JSON.stringify(result)) as unknown;

describe('the bounded LRU map', () => {
  it('drops the least recently used entry when full, counting reads as use', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([lru.has('a'), lru.has('b'), lru.has('c'), lru.size]).toEqual([true, false, true, 2]);
    lru.set('a', 4);
    lru.set('d', 5);
    expect([lru.get('a'), lru.has('c'), lru.get('d'), lru.size]).toEqual([4, false, 5, 2]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LruMap(0)).toThrow(/positive integer/);
  });
});

describe('parsed and validated GraphQL documents, cached by query text', () => {
  it('hands back the cached document for a text it has seen, and prepares it again once evicted', () => {
    const documents = new PreparedDocuments(emulatorSchema(), 2);
    const first = documents.prepare('{ invoice(ref: "A") { ref } }');
    expect(documents.prepare('{ invoice(ref: "A") { ref } }')).toBe(first);
    documents.prepare('{ invoice(ref: "B") { ref } }');
    documents.prepare('{ invoice(ref: "C") { ref } }');
    const again = documents.prepare('{ invoice(ref: "A") { ref } }');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('caches a text that fails validation with the same errors', () => {
    const documents = new PreparedDocuments(emulatorSchema(), 10);
    const failed = documents.prepare('{ invoice(ref: "A") { noSuchField } }');
    expect('errors' in failed && failed.errors.map((e) => e.message)).toEqual(['Cannot query field "noSuchField" on type "Invoice".']);
    expect(documents.prepare('{ invoice(ref: "A") { noSuchField } }')).toBe(failed);
  });
});

describe('the executor answers exactly as graphql() does, cached or not', () => {
  const store = new EntityStore();
  store.insert('Invoice', { ref: 'INV-1', type: 'CUSTOMER', status: 'CREATED' });
  const context: GraphqlContext = { store, created: () => undefined };
  const executor = new GraphqlExecutor(context);

  const requests: [string, string, Record<string, unknown>?, string?][] = [
    ['a query with data', 'query Q($ref: String!) { invoice(ref: $ref) { ref status } }', { ref: 'INV-1' }],
    ['a query that finds nothing', 'query Q($ref: String!) { invoice(ref: $ref) { ref } }', { ref: 'NONE' }],
    ['a validation error', '{ invoice(ref: "INV-1") { ref noSuchField } }'],
    ['a syntax error', '{ invoice(ref: "INV-1") { ref '],
    ['a variable of the wrong type', 'query Q($ref: String!) { invoice(ref: $ref) { ref } }', { ref: 42 }],
    ['a chosen operation', 'query A { invoice(ref: "INV-1") { ref } } query B { invoice(ref: "INV-1") { status } }', undefined, 'B'],
    ['several operations and none chosen', 'query A { invoice(ref: "INV-1") { ref } } query B { invoice(ref: "INV-1") { status } }'],
  ];

  it.each(requests)('%s', async (_, source, variables, operationName) => {
    const expected = wire(await graphql({ schema: emulatorSchema(), source, variableValues: variables, operationName, contextValue: context }));
    const first = wire(await executor.run(source, variables, operationName));
    const repeated = wire(await executor.run(source, variables, operationName));
    expect(first).toEqual(expected);
    expect(repeated).toEqual(expected);
  });
});
