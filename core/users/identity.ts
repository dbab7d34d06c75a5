import type { IdentityProfile, IdentityRef, Platform, User, WalletStore } from '../ports.js';

/** Handles are stored without the leading @ that people type. */
export function normalizeUsername(username: string | undefined): string | undefined {
  const bare = username?.trim().replace(/^@+/, '');
  return bare ? bare : undefined;
}

/**
 * First contact creates the user and wallet; later contacts return the same user. The identity
 * itself is the idempotency key: a redelivered first message can never create a second wallet.
 */
export function register(store: WalletStore, profile: IdentityProfile): Promise<{ user: User; created: boolean }> {
  return store.registerIdentity({ ...profile, username: normalizeUsername(profile.username) });
}

export function findUserByIdentity(store: WalletStore, ref: IdentityRef): Promise<User | undefined> {
  return store.findUserByIdentity(ref);
}

/** Resolves an `@mention` typed in chat to the wallet behind that handle on the same platform. */
export async function findUserByUsername(
  store: WalletStore,
  platform: Platform,
  username: string,
): Promise<User | undefined> {
  const bare = normalizeUsername(username);
  return bare ? store.findUserByUsername(platform, bare) : undefined;
}
