import type { WalletContext } from '../context.js';
import type { PaymentRequest, Platform, TransferRecord, UserId } from '../ports/index.js';
import { identitiesOfPerson } from '../sandbox/sandbox.js';

/** A person as a merchant may see them: a handle on one platform, never a wallet id. */
export interface SeenPerson {
  handle: string | null;
  platform: Platform | null;
}

async function seenOn(ctx: WalletContext, userId: UserId, platform: Platform | undefined): Promise<SeenPerson> {
  if (!platform) return { handle: null, platform: null };
  // a sandbox twin is seen as its person (see identitiesOfPerson)
  const identity = (await identitiesOfPerson(ctx, userId)).find((i) => i.platform === platform);
  return { handle: identity?.username ?? null, platform };
}

/**
 * The payer a merchant named for a request, as the merchant named them: their handle on that
 * platform only. A wallet's other linked identities are the person's business; showing one would
 * tell the merchant how their accounts on different platforms are linked.
 */
export async function namedPayerOf(ctx: WalletContext, merchantId: UserId, request: PaymentRequest): Promise<SeenPerson | null> {
  if (request.merchantId !== merchantId || !request.payerId) return null;
  return seenOn(ctx, request.payerId, request.payerPlatform);
}

/**
 * Who paid a merchant, as the merchant could see them: their handle on the platform whose chat
 * they confirmed the payment from, and nothing from their other platforms (see {@link namedPayerOf}).
 */
export async function payerSeenBy(ctx: WalletContext, merchantId: UserId, transfer: TransferRecord): Promise<SeenPerson | null> {
  if (transfer.toUserId !== merchantId || !transfer.fromUserId) return null;
  return seenOn(ctx, transfer.fromUserId, await ctx.store.requests.confirmedOn(transfer.id));
}
