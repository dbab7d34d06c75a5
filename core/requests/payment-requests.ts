import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkPerTransaction } from '../limits/limits.js';
import { checkMovable, type Money } from '../money/index.js';
import type { Challenge, PaymentRequest, UserId } from '../ports/index.js';

export const DEFAULT_REQUEST_TTL_MS = 24 * 3_600_000;
const MAX_REQUEST_TTL_MS = 30 * 24 * 3_600_000;

export interface CreateRequestInput {
  key: string;
  merchant: Actor;
  amount: Money;
  memo?: string;
  /** Only this user may pay it. */
  payerId?: UserId;
  /** Default 24 hours, at most 30 days. */
  ttlMs?: number;
}

/** Posts a request to be paid; a redelivered message returns the same request. */
export async function createRequest(ctx: WalletContext, input: CreateRequestInput): Promise<Outcome<PaymentRequest>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const amount = checkMovable(input.amount);
  if (!amount.ok) return amount;
  const memo = checkMemo(input.memo);
  if (!memo.ok) return memo;
  const ttl = input.ttlMs ?? DEFAULT_REQUEST_TTL_MS;
  if (!(ttl > 0 && ttl <= MAX_REQUEST_TTL_MS)) return fail('request.invalid_expiry', { maxDays: 30 });
  if (input.payerId === input.merchant.user.id) return fail('request.own');
  if (input.payerId && !(await ctx.store.users.getUser(input.payerId))) return fail('user.not_found', { party: 'payer' });
  const active = requireActive(input.merchant.user);
  if (!active.ok) return active;
  const request = { merchantId: input.merchant.user.id, amount: input.amount, memo: memo.value, payerId: input.payerId, ttl };
  const now = ctx.clock.now();
  const created = await ctx.store.requests.create(
    { ...request, expiresAt: new Date(now.getTime() + ttl), createKey: input.key, requestHash: fingerprint('request', request) },
    now,
  );
  return 'conflict' in created ? fail('idempotency.conflict') : ok(created.request);
}

export async function getRequest(ctx: WalletContext, id: string): Promise<Outcome<PaymentRequest>> {
  const request = await ctx.store.requests.get(id, ctx.clock.now());
  return request ? ok(request) : fail('request.not_found');
}

/** Only the merchant cancels; cancelling twice answers with the request as it stands. */
export async function cancelRequest(ctx: WalletContext, actor: Actor, id: string): Promise<Outcome<PaymentRequest>> {
  const request = await ctx.store.requests.get(id, ctx.clock.now());
  if (!request) return fail('request.not_found');
  if (request.merchantId !== actor.user.id) return fail('request.not_yours');
  if (request.status === 'paid') return fail('request.already_paid');
  const cancelled = await ctx.store.requests.cancel(id, actor.user.id, ctx.clock.now());
  return cancelled?.status === 'paid' ? fail('request.already_paid') : ok(cancelled!);
}

export function listOpenRequests(ctx: WalletContext, merchantId: UserId): Promise<PaymentRequest[]> {
  return ctx.store.requests.listOpen(merchantId, ctx.clock.now());
}

/** Prepares paying a request; the ledger pays it at most once when the code arrives. */
export async function preparePayRequest(
  ctx: WalletContext,
  input: { key: string; actor: Actor; requestId: string },
): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const request = await ctx.store.requests.get(input.requestId, ctx.clock.now());
  if (!request) return fail('request.not_found');
  if (request.merchantId === input.actor.user.id) return fail('request.own');
  if (request.status === 'paid') return fail('request.already_paid');
  if (request.status === 'cancelled') return fail('request.cancelled');
  if (request.status === 'expired') return fail('request.expired');
  if (request.payerId && request.payerId !== input.actor.user.id) return fail('request.not_for_you');
  const limited = checkPerTransaction(ctx.limits, input.actor.user.tier, request.amount);
  if (!limited.ok) return limited;
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'pay_request',
    payload: {
      requestId: request.id,
      merchantId: request.merchantId,
      currency: request.amount.currency,
      minor: request.amount.minor.toString(),
      memo: request.memo ?? null,
    },
  });
}
