import type { WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { PaymentRequest, UserId } from '../ports/index.js';

export async function getRequest(ctx: WalletContext, id: string): Promise<Outcome<PaymentRequest>> {
  const request = await ctx.store.requests.get(id, ctx.clock.now());
  return request ? ok(request) : fail('request.not_found');
}

export function listOpenRequests(ctx: WalletContext, merchantId: UserId): Promise<PaymentRequest[]> {
  return ctx.store.requests.listOpen(merchantId, ctx.clock.now());
}
