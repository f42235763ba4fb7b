import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { claimDelivery, idempotencyKeyOf, recordSent } from '../../connector/deliver/outbox.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';

describe('delivery outbox', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  const entry = (documentKey: string) => ({ idempotencyKey: idempotencyKeyOf(documentKey, 'email', 'h'.repeat(64)), documentKey, channel: 'email' as const, recipientHash: 'h'.repeat(64) });

  it('builds the key from document, channel and recipient hash', () => {
    expect(idempotencyKeyOf('ACME/invoice/1.pdf', 'sms', 'abc')).toBe('ACME/invoice/1.pdf|sms|abc');
  });

  it('hands a delivery to one claimant while it is being sent', async () => {
    const delivery = entry('ACME/invoice/O-1.pdf');
    expect(await claimDelivery(db, delivery)).toEqual({ outcome: 'claimed', attempts: 1 });
    expect(await claimDelivery(db, delivery)).toEqual({ outcome: 'in-flight' });
  });

  it('lets a later run take over a delivery whose worker died (lease expired)', async () => {
    const delivery = entry('ACME/invoice/O-2.pdf');
    await claimDelivery(db, delivery);
    await db.query(`UPDATE folio_deliveries SET updated_at = now() - interval '11 minutes' WHERE idempotency_key = $1`, [delivery.idempotencyKey]);
    expect(await claimDelivery(db, delivery)).toEqual({ outcome: 'claimed', attempts: 2 });
  });

  it('never hands out a delivery that was sent', async () => {
    const delivery = entry('ACME/invoice/O-3.pdf');
    await claimDelivery(db, delivery);
    await recordSent(db, delivery.idempotencyKey, 'provider-1');
    await db.query(`UPDATE folio_deliveries SET updated_at = now() - interval '1 day' WHERE idempotency_key = $1`, [delivery.idempotencyKey]);
    expect(await claimDelivery(db, delivery)).toEqual({ outcome: 'already-sent', providerId: 'provider-1' });
  });
});
