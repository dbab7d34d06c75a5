import type { UserId } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';

/** A display handle for a user on the asker's platform (or any), for prompts, receipts and cards. */
export async function handleOf(wallet: Wallet, userId: UserId | undefined, platform: string): Promise<string> {
  if (!userId) return '?';
  const identities = await wallet.identitiesOf(userId);
  const named = identities.find((i) => i.platform === platform && i.username) ?? identities.find((i) => i.username);
  return named?.username ?? identities[0]?.platformUserId ?? userId;
}
