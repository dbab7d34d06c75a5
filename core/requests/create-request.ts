import { requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey, fingerprint } from '../idempotency.js';
import { checkMemo } from '../ledger/move-money.js';
import { checkMovable, type Money } from '../money/index.js';
import type { PaymentRequest, Platform, UserId } from '../ports/index.js';

export const DEFAULT_REQUEST_TTL_MS = 24 * 3_600_000;
const MAX_REQUEST_TTL_MS = 30 * 24 * 3_600_000;

export interface CreateRequestInput {
  key: string;
  merchant: Pick<Actor, 'user'> & Partial<Actor>;
  amount: Money;
  memo?: string;
  /** Only this user may pay it. */
  payerId?: UserId;
  /** Where the payer was named; by default the platform the merchant wrote the request on. */
  payerPlatform?: Platform;
  /** Default 24 hours, at most 30 days. */
  ttlMs?: number;
  /** The merchant's own data and return address (merchant API). */
  metadata?: Record<string, unknown>;
  successUrl?: string;
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
  const payerPlatform = input.payerId ? (input.payerPlatform ?? input.merchant.identity?.platform) : undefined;
  const request = { merchantId: input.merchant.user.id, amount: input.amount, memo: memo.value, payerId: input.payerId, payerPlatform, ttl, metadata: input.metadata, successUrl: input.successUrl };
  const now = ctx.clock.now();
  const created = await ctx.store.requests.create(
    { ...request, expiresAt: new Date(now.getTime() + ttl), createKey: input.key, requestHash: fingerprint('request', request) },
    now,
  );
  return 'conflict' in created ? fail('idempotency.conflict') : ok(created.request);
}
