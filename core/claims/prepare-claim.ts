import { openChallenge, requireActive, requireAuthenticator } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import type { Money } from '../money/index.js';
import type { Challenge } from '../ports/index.js';
import { checkFunds, checkOutgoing } from '../transfers/outgoing-checks.js';
import { newClaimNonce } from './claim-secret.js';

export const MAX_CLAIM_SLOTS = 100;

export interface PrepareClaimInput {
  key: string;
  actor: Actor;
  /** The whole amount; a cheque of several parts shares it. */
  amount: Money;
  memo?: string;
  /** How many people may each claim one part (1 for a hold). */
  slots: number;
  /** A hold for a person who has no wallet yet, by their handle on the actor's platform. */
  forHandle?: string;
  /** Each person may claim one part only. */
  once: boolean;
  /** The group chat it was asked for in, where the link is posted once confirmed. */
  room?: string;
}

/**
 * Prepares money held for a link (a hold for a newcomer's handle, or a cheque). Like a send it is
 * checked now — open wallet, amount, per-payment limit, funds — so no code is asked for money that
 * cannot be held; the ledger checks again when the code arrives. How long it is held is fixed now,
 * so the prompt can say until when.
 */
export async function prepareClaim(ctx: WalletContext, input: PrepareClaimInput): Promise<Outcome<Challenge>> {
  const active = requireActive(input.actor.user);
  if (!active.ok) return active;
  const enrolled = await requireAuthenticator(ctx, input.actor.user);
  if (!enrolled.ok) return enrolled;
  if (!Number.isInteger(input.slots) || input.slots < 1 || input.slots > MAX_CLAIM_SLOTS) return fail('claim.invalid_count', { max: MAX_CLAIM_SLOTS });
  const memo = checkOutgoing(ctx, input.actor.user, input.amount, input.memo);
  if (!memo.ok) return memo;
  if (input.amount.minor < BigInt(input.slots)) return fail('claim.too_small', { count: input.slots });
  const funds = await checkFunds(ctx, input.actor.user, input.amount);
  if (!funds.ok) return funds;
  return openChallenge(ctx, {
    key: input.key,
    owner: input.actor.user,
    origin: input.actor.identity,
    kind: 'claim',
    payload: {
      currency: input.amount.currency,
      minor: input.amount.minor.toString(),
      memo: memo.value ?? null,
      slots: input.slots,
      forHandle: input.forHandle?.toLowerCase() ?? null,
      once: input.once,
      days: ctx.claimDays,
      room: input.room ?? null,
      nonce: newClaimNonce(),
    },
  });
}

/** When a claim prepared now would go back unclaimed, for the prompt (the store fixes it on creation). */
export function claimExpiry(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * 86_400_000);
}
