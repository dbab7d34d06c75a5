import type { UserId } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { signWebhook } from '../../core/webhooks/signature.js';
import type { OpenDelivery } from '../../core/webhooks/webhook-events.js';
import type { LinkConfig } from '../http/merchant-api/api-views.js';
import { eventBody } from '../http/merchant-api/event-views.js';
import { evidenceOf } from './evidence.js';
import type { Leases } from './leases.js';
import type { Logger } from './logger.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookDelivererDeps {
  wallet: Wallet;
  leases: Leases;
  links: LinkConfig;
  logger?: Logger;
  /** How long one attempt may take; 10 s. */
  timeoutMs?: number;
  /** Jitter of the retry schedule, injectable for tests. */
  random?: () => number;
}

/**
 * Sends signed webhook events. Each round writes the `expired` events due by the wallet's clock,
 * then leases the due events — one per merchant, none of a merchant this process is still sending
 * to — and sends each without waiting for the others, so a slow endpoint (cut at 10 s) holds up
 * only its own merchant. The lease (30 s, longer than a send) is this process's per attempt:
 * another process skips the row, and the attempt is recorded only under the lease and its number,
 * so no attempt is sent twice. A fault is logged; the event stays due and is taken again.
 */
export function createWebhookDeliverer(deps: WebhookDelivererDeps) {
  const busy = new Set<UserId>();
  const sending = new Set<Promise<void>>();
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  let started = false;
  let roundUnderWay: Promise<number> | undefined;
  let again = false;

  /** A round now, or right after the one under way: a finished send makes its merchant's next event go at once. */
  function kick(): void {
    if (!started) return;
    if (roundUnderWay) {
      again = true;
      return;
    }
    roundUnderWay = round().finally(() => {
      roundUnderWay = undefined;
      if (again) {
        again = false;
        kick();
      }
    });
  }

  async function send(delivery: OpenDelivery): Promise<void> {
    const startedAt = new Date();
    const at = deps.wallet.now();
    let statusCode: number | undefined;
    let error: string | undefined;
    try {
      const body = await eventBody(deps.wallet, deps.links, delivery.event);
      const response = await fetch(delivery.endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'OKPay-Webhooks/1', 'okpay-signature': signWebhook(delivery.secret, body, at) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = caught instanceof Error && caught.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : String((caught as Error)?.message ?? caught);
    }
    const recorded = await deps.wallet.recordWebhookAttempt({
      delivery,
      owner: deps.leases.owner,
      at,
      durationMs: Date.now() - startedAt.getTime(),
      ...(statusCode !== undefined ? { statusCode } : {}),
      ...(error ? { error } : {}),
      ...(deps.random ? { random: deps.random() } : {}),
    });
    if (!recorded) deps.logger?.warn({ event: delivery.event.publicId }, 'webhook attempt not recorded: its lease was taken over');
  }

  /** Starts the sends of one round; resolves once they are started (not finished). */
  async function round(limit = 50): Promise<number> {
    try {
      await deps.wallet.emitExpiredEvents(limit);
      const due = await deps.wallet.claimWebhookDeliveries(limit, deps.leases, [...busy]);
      for (const delivery of due) {
        busy.add(delivery.event.merchantId);
        const sent: Promise<void> = send(delivery)
          .catch((caught: unknown) => deps.logger?.warn({ event: delivery.event.publicId, ...evidenceOf(caught) }, 'webhook attempt failed to record, tried again later'))
          .finally(() => {
            busy.delete(delivery.event.merchantId);
            sending.delete(sent);
            kick();
          });
        sending.add(sent);
      }
      return due.length;
    } catch (caught) {
      deps.logger?.warn({ ...evidenceOf(caught) }, 'webhook round failed, tried again next round');
      return 0;
    }
  }

  /** Every send under way, finished: for tests and for a shutdown. */
  async function settle(): Promise<void> {
    while (sending.size) await Promise.all([...sending]);
  }

  /**
   * Rounds every `everyMs` (real time: pacing, not a business decision) and after each finished send;
   * the stop waits for sends under way.
   */
  function start(everyMs = 1_000): () => Promise<void> {
    started = true;
    const timer = setInterval(kick, everyMs);
    return async () => {
      started = false;
      clearInterval(timer);
      await roundUnderWay;
      await settle();
    };
  }

  return { round, settle, start };
}
