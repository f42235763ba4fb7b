import { setMaxListeners } from 'node:events';
import { Agent } from 'node:http';
import axios from 'axios';
import { WEBHOOK_RETRY_DELAYS_MS } from '../../../connector/fluent/contract.ts';
import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import type { WebhookDelivery } from './delivery.ts';
import type { WebhookSigner } from './signer.ts';

const ATTEMPT_TIMEOUT_MS = 10_000;
/** Fluent's "exponential" retry schedule (REFERENCE.md §1.4): immediately, 1 min, 1 h, 1 day. */
const EXPONENTIAL_DELAYS_MS = [0, 60_000, 3_600_000, 86_400_000] as const;

/** A workflow's `fc.rubix.sdk.webhook.retry.schedule` setting, as retry delays. */
export function retrySchedule(setting: unknown): readonly number[] {
  return setting === 'exponential' ? EXPONENTIAL_DELAYS_MS : WEBHOOK_RETRY_DELAYS_MS;
}

/** A signed body, ready to post. */
interface Signed {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * Posts signed webhooks in the background and retries failures (non-2xx, network error, timeout) on a
 * retry schedule. Retries resend the same bytes unless the caller gives a rebuilt retry event (Fluent's
 * default `fc.rubix.sdk.webhook.retry.method` for custom rules, see workflow/runner.ts). Every attempt
 * is recorded for tests to inspect.
 */
export class WebhookDeliverer {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly controller = abortControllerForMany();
  // No keep-alive: a receiver under test must be able to close without waiting on our idle sockets.
  private readonly agent = new Agent({ keepAlive: false });

  constructor(
    private readonly signer: WebhookSigner,
    /** options.webhookRetryDelaysMs: overrides every workflow's schedule (fast tests). */
    private readonly delaysOverride?: readonly number[],
  ) {}

  deliver(url: string, event: FluentEvent, sourceEventId: string, schedule: readonly number[], retryEvent?: FluentEvent): WebhookDelivery {
    // Each event is serialised once: the recorded text and the signed bytes come from the same string.
    const body = JSON.stringify(event);
    const first = this.sign(body);
    const retryBody = retryEvent && JSON.stringify(retryEvent);
    // Signed only if a retry happens: signing is the costly part of a webhook.
    let signedRetry: Signed | undefined;
    const retry = retryBody === undefined ? () => first : () => (signedRetry ??= this.sign(retryBody));
    const delivery: WebhookDelivery = {
      id: event.id,
      name: event.name,
      url,
      sourceEventId,
      body,
      headers: first.headers,
      ...(retryBody !== undefined && { retryBody }),
      attempts: [],
      status: 'PENDING',
    };
    this.deliveries.push(delivery);
    const run = this.attemptAll(delivery, first, retry, this.delaysOverride ?? schedule).finally(() => this.running.delete(run));
    this.running.add(run);
    return delivery;
  }

  list(): WebhookDelivery[] {
    return [...this.deliveries];
  }

  get busy(): boolean {
    return this.running.size > 0;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled([...this.running]);
    this.agent.destroy();
  }

  private sign(text: string): Signed {
    const body = Buffer.from(text);
    return { body, headers: this.signer.headers(body) };
  }

  private async attemptAll(delivery: WebhookDelivery, first: Signed, retry: () => Signed, delays: readonly number[]): Promise<void> {
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0 && !(await this.wait(delays[attempt - 1] ?? 0))) break;
      if (await this.attempt(delivery, attempt === 0 ? first : retry())) {
        delivery.status = 'DELIVERED';
        return;
      }
    }
    delivery.status = 'FAILED';
  }

  private async attempt(delivery: WebhookDelivery, { body, headers }: Signed): Promise<boolean> {
    const started = Date.now();
    const at = new Date(started).toISOString();
    try {
      const response = await axios.post(delivery.url, body, {
        headers,
        timeout: ATTEMPT_TIMEOUT_MS,
        signal: this.controller.signal,
        httpAgent: this.agent,
        maxRedirects: 0,
        responseType: 'text',
        validateStatus: () => true,
      });
      delivery.attempts.push({ at, statusCode: response.status, durationMs: Date.now() - started });
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      delivery.attempts.push({ at, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
      return false;
    }
  }

  /** Resolves true after the delay, or false at once when the emulator closes. */
  private wait(ms: number): Promise<boolean> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Every attempt and every wait between attempts listens on one signal, so close() stops them all. They
 * are as many as the deliveries in flight (hundreds in a burst), each removed when it ends: no limit.
 */
function abortControllerForMany(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
