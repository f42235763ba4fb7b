import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createLocalFileStore } from '../../../connector/store/local-file-store.ts';
import { createWebhookQueue, type WebhookQueue, type WebhookQueueOptions } from '../../../connector/webhooks/webhook-queue.ts';
import type { Database } from '../../../connector/db/database.ts';
import { factsOn } from './make-events.ts';

/** Quick retries for tests: 1 s doubling to at most `retryMaxMs`, many tries (the defaults back off for hours). */
export const FAST_RETRIES: WebhookQueueOptions = { maxAttempts: 100, retryBaseMs: 1000, retryMaxMs: 4000, timeoutMs: 10_000, pollMs: 500, concurrency: 4 };

export async function webhookSetup(db: Database, options: Partial<WebhookQueueOptions> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'folio-webhooks-'));
  const queue: WebhookQueue = createWebhookQueue(db, { ...FAST_RETRIES, ...options, onError: (error) => console.error('webhook queue (test):', error) });
  onTestFinished(async () => {
    await queue.stop();
    await rm(root, { recursive: true, force: true });
  });
  return { queue, facts: factsOn(db, createLocalFileStore({ root })) };
}

/** Polls until `done` holds, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
