import { openChallenge } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Challenge, User } from '../ports/index.js';

/**
 * Freezes the wallet at once, with no code: the person may be reacting to a payment they did not
 * make. Every prepared action is cancelled in the same transaction, so none can run after it. The
 * chat it was asked in answers it; the wallet's other platforms get the alert.
 */
export async function freeze(ctx: WalletContext, actor: Actor): Promise<Outcome<{ user: User; changed: boolean }>> {
  if (actor.user.status === 'closed') return fail('account.closed', { party: 'sender' });
  const frozen = await ctx.store.lifecycle.freeze(actor.user.id, actor.identity.platform);
  return frozen ? ok(frozen) : fail('user.not_found');
}

/** Unfreezing needs proof, a code or a recovery code, and only lifts a freeze the owner made. */
export function prepareUnfreeze(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'frozen') return Promise.resolve(fail('account.not_frozen'));
  if (input.actor.user.frozenBy === 'operator') return Promise.resolve(fail('account.frozen_by_operator'));
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'unfreeze', payload: {} });
}
