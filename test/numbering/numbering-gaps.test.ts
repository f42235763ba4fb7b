import { expect, it } from 'vitest';
import { allocateDocumentNumber } from '../../connector/numbering/allocate-number.ts';
import { findNumberingGaps } from '../../connector/numbering/numbering-gaps.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

describeOnBothDatabases('findNumberingGaps', (fresh) => {
  it('reports a clean series as clean', async () => {
    const { db } = await fresh();
    for (const ref of ['A', 'B', 'C']) {
      await db.transaction((tx) =>
        allocateDocumentNumber(tx, {
          key: `acc|7|invoice|ORDER|${ref}`,
          document: { accountId: 'acc', retailerId: '7', documentType: 'invoice', entityType: 'ORDER', entityRef: ref },
          pattern: '{seq}',
          issuedAt: new Date(),
          timeZone: 'UTC',
          values: { country: 'DE' },
        }),
      );
    }
    expect(await findNumberingGaps(db)).toEqual([{ series: '7|DE|invoice', count: 3, min: 1, max: 3, gaps: [], gapCount: 0, duplicates: [] }]);
  });

  it('finds numbers missing inside a series and handed out past its last document', async () => {
    const { db } = await fresh();
    await db.exec(`
      INSERT INTO folio_number_series VALUES ('S', 9);
      INSERT INTO folio_documents (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number)
      SELECT 'k' || n, 'acc', '7', 'invoice', 'ORDER', 'O' || n, 'S', n, 'N' || n FROM unnest(ARRAY[2, 3, 6]) AS n;`);
    expect(await findNumberingGaps(db)).toEqual([{ series: 'S', count: 3, min: 2, max: 6, gaps: [1, 4, 5, 7, 8], gapCount: 5, duplicates: [] }]);
  });

  it('finds a number issued twice, in a copy without the unique constraints', async () => {
    const { db } = await fresh();
    await db.exec(`
      CREATE TABLE documents_import (LIKE folio_documents INCLUDING DEFAULTS);
      INSERT INTO documents_import (key, account_id, retailer_id, document_type, entity_type, entity_ref, series, seq, number)
      SELECT 'k' || i, 'acc', '7', 'invoice', 'ORDER', 'O' || i, 'S', n, 'N' || n
        FROM unnest(ARRAY[1, 2, 2, 3, 5, 5, 5]) WITH ORDINALITY AS t(n, i);`);
    expect(await findNumberingGaps(db, { table: 'documents_import' })).toEqual([
      { series: 'S', count: 7, min: 1, max: 5, gaps: [4], gapCount: 1, duplicates: [2, 5] },
    ]);
  });

  it('refuses a table name that is not a plain identifier', async () => {
    const { db } = await fresh();
    await expect(findNumberingGaps(db, { table: 'folio_documents; DROP TABLE x' })).rejects.toThrow(/not a table name/);
  });
});
