import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { PaymentRequest } from '../ports/index.js';

/** Only the merchant cancels; cancelling twice answers with the request as it stands. */
export async function cancelRequest(ctx: WalletContext, actor: Pick<Actor, 'user'> & Partial<Actor>, id: string): Promise<Outcome<PaymentRequest>> {
  const request = await ctx.store.requests.get(id, ctx.clock.now());
  if (!request) return fail('request.not_found');
  if (request.merchantId !== actor.user.id) return fail('request.not_yours');
  if (request.status === 'paid') return fail('request.already_paid');
  const cancelled = await ctx.store.requests.cancel(id, actor.user.id, ctx.clock.now());
  return cancelled?.status === 'paid' ? fail('request.already_paid') : ok(cancelled!);
}
