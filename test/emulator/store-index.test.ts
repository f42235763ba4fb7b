import { describe, expect, it } from 'vitest';
import { EntityStore } from '../../scripts/emulator/store.ts';

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((row) => row.id);

describe("the emulator store's indexed look-ups", () => {
  it('find rows by ref and by parent id in table order, following inserts and updates', () => {
    const store = new EntityStore();
    store.insert('InvoiceItem', { ref: 'A', invoiceId: '1' });
    store.insert('InvoiceItem', { ref: 'B', invoiceId: '2' });
    // Built here, on first use, from the rows already there.
    expect(ids(store.listBy('InvoiceItem', 'invoiceId', '1'))).toEqual(['1']);
    store.insert('InvoiceItem', { ref: 'A', invoiceId: '1' });
    expect(ids(store.listBy('InvoiceItem', 'invoiceId', '1'))).toEqual(['1', '3']);
    // The first row with a ref wins, as a scan would find it.
    expect(store.byRef('InvoiceItem', 'A')?.id).toBe('1');

    // Moving row 2 under invoice 1 puts it between rows 1 and 3, where the table has it.
    store.update('InvoiceItem', '2', { invoiceId: '1' });
    expect(ids(store.listBy('InvoiceItem', 'invoiceId', '1'))).toEqual(['1', '2', '3']);
    expect(store.listBy('InvoiceItem', 'invoiceId', '2')).toEqual([]);
    store.update('InvoiceItem', '1', { ref: 'C' });
    expect(store.byRef('InvoiceItem', 'A')?.id).toBe('3');
    expect(store.byRef('InvoiceItem', 'C')?.id).toBe('1');
    // undefined in a patch changes nothing, null is a value like any other.
    store.update('InvoiceItem', '3', { ref: undefined, invoiceId: null });
    expect(store.byRef('InvoiceItem', 'A')?.id).toBe('3');
    expect(ids(store.listBy('InvoiceItem', 'invoiceId', null))).toEqual(['3']);
  });

  it('a row inserted again under its id replaces the old one in every index and keeps its place', () => {
    const store = new EntityStore();
    store.insert('Retailer', { ref: 'R' }, '1');
    store.insert('Retailer', { ref: 'S' }, '2');
    expect(store.byRef('Retailer', 'R')?.id).toBe('1');
    store.insert('Retailer', { ref: 'S' }, '1');
    expect(store.byRef('Retailer', 'R')).toBeUndefined();
    expect(ids(store.listBy('Retailer', 'ref', 'S'))).toEqual(['1', '2']);
    expect(ids(store.list('Retailer', (row) => row.ref === 'S'))).toEqual(['1', '2']);
  });

  it('answer what a scan of the table answers, after any mix of inserts and updates', () => {
    // A fixed-seed generator: the same sequence on every run, so a failure can be replayed.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const store = new EntityStore();
    const values = ['1', '2', '3', null];
    for (let step = 0; step < 600; step++) {
      const rows = store.list('OrderItem');
      if (rows.length === 0 || random(3) === 0) store.insert('OrderItem', { ref: `R${random(5)}`, orderId: values[random(4)] });
      else store.update('OrderItem', rows[random(rows.length)]!.id, random(2) === 0 ? { orderId: values[random(4)] } : { ref: `R${random(5)}` });
      if (step % 50 === 0 || step === 599) {
        for (const value of values) expect(ids(store.listBy('OrderItem', 'orderId', value))).toEqual(ids(store.list('OrderItem', (row) => row.orderId === value)));
        for (let ref = 0; ref < 5; ref++) expect(store.byRef('OrderItem', `R${ref}`)).toBe(store.find('OrderItem', (row) => row.ref === `R${ref}`));
      }
    }
    expect(store.list('OrderItem').length).toBeGreaterThan(100);
  });
});
