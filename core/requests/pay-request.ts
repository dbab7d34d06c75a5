import { openChallenge, requireActive } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import { checkPerTransaction } from '../limits/limits.js';
import type { Challenge } from '../ports/index.js';
import { topUpTestMoney } from '../sandbox/sandbox.js';

/**
 * Prepares paying a request; the ledger pays it at most once when the code arrives. A test request
 * (its merchant a sandbox twin) is paid the same way, from the payer's sandbox twin, topped up with
 * test money if it holds too little; the payer still confirms with their own code.
 */
export async function preparePayRequest(
  ctx: WalletContext,
  input: { key: string; actor: Actor; requestId: string },
): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const request = await ctx.store.requests.get(input.requestId, ctx.clock.now());
  if (!request) return fail('request.not_found');
  const merchant = await ctx.store.users.getUser(request.merchantId);
  if (request.merchantId === input.actor.user.id || merchant?.sandboxOf === input.actor.user.id) return fail('request.own');
  if (request.status === 'paid') return fail('request.already_paid');
  if (request.status === 'cancelled') return fail('request.cancelled');
  if (request.status === 'expired') return fail('request.expired');
  const payer = merchant?.sandboxOf ? await ctx.store.sandbox.twinOf(input.actor.user.id) : input.actor.user;
  if (request.payerId && request.payerId !== payer.id) return fail('request.not_for_you');
  const limited = checkPerTransaction(ctx.limits, input.actor.user.tier, request.amount);
  if (!limited.ok) return limited;
  if (payer.sandboxOf) {
    const funded = await topUpTestMoney(ctx, payer, request.amount, input.key);
    if (!funded.ok) return funded;
  }
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
      ...(payer.sandboxOf ? { fromUserId: payer.id } : {}),
    },
  });
}
