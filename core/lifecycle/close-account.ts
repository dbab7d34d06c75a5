import { openChallenge } from '../confirmation/open-challenge.js';
import type { Actor, WalletContext } from '../context.js';
import { fail, type Outcome } from '../errors.js';
import type { Challenge } from '../ports/index.js';

/** Closing needs a zero balance everywhere, no open requests and nothing else pending. */
export async function prepareClose(ctx: WalletContext, input: { key: string; actor: Actor }): Promise<Outcome<Challenge>> {
  if (input.actor.user.status !== 'active') return fail(`account.${input.actor.user.status}` as 'account.frozen', { party: 'sender' });
  const pending = await ctx.store.challenges.findPending(input.actor.identity);
  const blocker = await ctx.store.lifecycle.closeBlockers(input.actor.user.id, ctx.clock.now(), pending?.id);
  if (blocker) return fail(`account.${blocker}`);
  return openChallenge(ctx, { key: input.key, owner: input.actor.user, origin: input.actor.identity, kind: 'close_account', payload: {} });
}
