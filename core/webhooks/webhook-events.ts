import type { WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { LeaseTerms, User, UserId, WebhookAttempt, WebhookDelivery } from '../ports/index.js';
import { requireMerchant } from '../merchants/merchants.js';
import { outcomeOf } from './retry-schedule.js';

/** A delivery leased to this process, with its endpoint's secret opened for signing (never logged or stored open). */
export interface OpenDelivery extends WebhookDelivery {
  secret: string;
}

/**
 * One round of the expiry job: `payment_request.expired` for each request past its expiry by the
 * wallet's clock, once per request (the event is unique per request; rows in another process's
 * round are skipped). Requests never change status on expiry, so the job is what tells merchants.
 */
export async function emitExpiredEvents(ctx: WalletContext, limit: number): Promise<number> {
  return ctx.store.webhooks.emitExpired(limit, ctx.clock.now());
}

/** Due deliveries leased to `lease.owner` by the wallet's clock, at most one per merchant and none of `busy`'s. */
export async function claimWebhookDeliveries(ctx: WalletContext, limit: number, lease: LeaseTerms, busy: readonly UserId[]): Promise<OpenDelivery[]> {
  const due = await ctx.store.webhooks.claimDue(limit, { owner: lease.owner, now: ctx.clock.now(), leaseMs: lease.ms }, busy);
  return due.map((delivery) => ({ ...delivery, secret: ctx.secrets.open(delivery.endpoint.secretSealed) }));
}

/**
 * Records how an attempt went and schedules the next by the wallet's clock (retry-schedule.ts).
 * False when the lease was lost meanwhile (nothing recorded). After 3 days of failures the event
 * is `failed`, the endpoint marked failing and the merchant told in chat.
 */
export async function recordWebhookAttempt(
  ctx: WalletContext,
  input: { delivery: WebhookDelivery; owner: string; at: Date; statusCode?: number; error?: string; durationMs: number; random?: number },
): Promise<boolean> {
  const succeeded = input.statusCode !== undefined && input.statusCode >= 200 && input.statusCode < 300;
  const firstAt = input.delivery.event.firstAttemptAt ?? input.at;
  const outcome = outcomeOf(succeeded, input.delivery.number, firstAt, ctx.clock.now(), input.random ?? Math.random());
  const attempt: WebhookAttempt = {
    number: input.delivery.number,
    at: input.at,
    succeeded,
    durationMs: input.durationMs,
    ...(input.statusCode !== undefined ? { statusCode: input.statusCode } : {}),
    ...(input.error ? { error: input.error.slice(0, 200) } : {}),
  };
  return ctx.store.webhooks.recordAttempt(input.delivery, input.owner, attempt, outcome);
}

export async function listWebhookEvents(ctx: WalletContext, input: { merchant: User; beforeId?: string; limit: number }) {
  const merchant = await requireMerchant(ctx, input.merchant.id);
  if (!merchant.ok) return merchant;
  return ok(await ctx.store.webhooks.listEvents(input.merchant.id, { beforeId: input.beforeId, limit: input.limit }));
}

/** Sends an event again (a new round of retries), e.g. after the merchant fixed their endpoint. */
export async function resendWebhookEvent(ctx: WalletContext, input: { merchant: User; publicId: string }): Promise<Outcome<{ publicId: string }>> {
  if (!(await ctx.store.webhooks.getEndpoint(input.merchant.id))) return fail('webhook.not_set');
  const event = await ctx.store.webhooks.resend(input.merchant.id, input.publicId);
  return event ? ok({ publicId: event.publicId }) : fail('webhook.event_not_found');
}
