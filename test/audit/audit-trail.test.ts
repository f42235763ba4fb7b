import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { createAuditTrail, listAudit, recordAuditEvent } from '../../connector/audit/audit-trail.ts';
import { formatAuditTrail } from '../../connector/audit/format-trail.ts';
import { createTestDatabase } from './support/test-database.ts';

const sha256 = 'a'.repeat(64);

describe('audit trail', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it('lists every step of a document in order, by document key and by entity ref', async () => {
    await recordAuditEvent(db, { step: 'received', entityRef: 'INV-100', tenant: 'ACME', details: { eventId: 'e-1' } });
    await recordAuditEvent(db, { step: 'rendered', entityRef: 'INV-100', documentKey: 'ACME/invoice/INV-100.pdf', sha256 });
    await recordAuditEvent(db, { step: 'stored', documentKey: 'ACME/invoice/INV-100.pdf', sha256 });
    await recordAuditEvent(db, { step: 'delivered', documentKey: 'ACME/invoice/INV-100.pdf', channel: 'email', recipientHash: 'f'.repeat(64) });

    const byRef = await listAudit(db, 'INV-100');
    expect(byRef.map((event) => event.step)).toEqual(['received', 'rendered', 'stored', 'delivered']);
    const byKey = await listAudit(db, 'ACME/invoice/INV-100.pdf');
    expect(byKey.map((event) => event.step)).toEqual(['rendered', 'stored', 'delivered']);
    expect(byKey[2]).toMatchObject({ channel: 'email', recipientHash: 'f'.repeat(64) });
    expect(byRef[0]!.details).toEqual({ eventId: 'e-1' });
  });

  it('keeps personal data out of details', async () => {
    const event = await recordAuditEvent(db, {
      step: 'failed',
      documentKey: 'ACME/invoice/INV-101.pdf',
      channel: 'email',
      details: { error: '550 5.1.1 <jane.doe@example.com>: Recipient address rejected', email: 'jane.doe@example.com', to: '+4917612345678', code: 550, sms: 'whatsapp:+4917612345678 failed' },
    });
    expect(event.details).toEqual({ error: '550 5.1.1 <[redacted]>: Recipient address rejected', code: 550, sms: '[redacted] failed' });
    expect(JSON.stringify(await listAudit(db, 'ACME/invoice/INV-101.pdf'))).not.toMatch(/jane|4917612345678/);
  });

  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are rejected', async () => {
    await recordAuditEvent(db, { step: 'stored', documentKey: 'ACME/invoice/INV-102.pdf', sha256 });
    await expect(db.query(`UPDATE folio_audit_events SET sha256 = $1 WHERE document_key = 'ACME/invoice/INV-102.pdf'`, ['b'.repeat(64)])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM folio_audit_events WHERE document_key = 'ACME/invoice/INV-102.pdf'`)).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE folio_audit_events')).rejects.toThrow(/append-only/);
    expect((await listAudit(db, 'ACME/invoice/INV-102.pdf'))[0]!.sha256).toBe(sha256);
  });

  it('refuses an event that names neither a document nor an entity', async () => {
    await expect(recordAuditEvent(db, { step: 'stored', sha256 })).rejects.toThrow(/document key or an entity ref/);
  });

  it('formats a trail one line per event for the CLI', async () => {
    const events = await listAudit(db, 'INV-100');
    const text = formatAuditTrail(events);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toMatch(/delivered\s+channel=email\s+document=ACME\/invoice\/INV-100\.pdf/);
  });

  it('writes events recorded at the same moment in one insert, each answered once committed', async () => {
    let inserts = 0;
    const counting = { query: ((sql: string, params?: unknown[]) => ((inserts += Number(sql.includes('INSERT INTO folio_audit_events'))), db.query(sql, params))) as Database['query'] };
    const trail = createAuditTrail(counting);
    const recorded = await Promise.all(Array.from({ length: 20 }, (_, i) => trail.record({ step: 'fetched', entityRef: `INV-BATCH-${i}`, details: { eventId: `e-${i}` } })));
    expect(inserts).toBe(1);
    expect(recorded.map((event) => event.entityRef)).toEqual(Array.from({ length: 20 }, (_, i) => `INV-BATCH-${i}`));
    expect(recorded.map((event) => event.id)).toEqual([...recorded.map((event) => event.id)].sort((a, b) => a - b));
    for (let i = 0; i < 20; i++) expect((await listAudit(db, `INV-BATCH-${i}`)).map((event) => event.details)).toEqual([{ eventId: `e-${i}` }]);
  });

  it('fails a bad event alone, not the events recorded with it', async () => {
    const trail = createAuditTrail(db);
    const outcomes = await Promise.allSettled([
      trail.record({ step: 'fetched', entityRef: 'INV-GOOD-1' }),
      trail.record({ step: 'fetched' }),
      trail.record({ step: 'fetched', entityRef: 'INV-GOOD-2' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await listAudit(db, 'INV-GOOD-2')).toHaveLength(1);
  });
});
