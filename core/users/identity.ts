import type { IdentityProfile, IdentityRef, Platform, User, UsersPort } from '../ports/index.js';

/** Handles are stored without the leading @ that people type. */
export function normalizeUsername(username: string | undefined): string | undefined {
  const bare = username?.trim().replace(/^@+/, '');
  return bare ? bare : undefined;
}

/**
 * First contact creates the user and wallet; later contacts return the same user. The identity
 * itself is the idempotency key: a redelivered first message can never create a second wallet.
 */
export function register(users: UsersPort, profile: IdentityProfile): Promise<{ user: User; created: boolean }> {
  return users.registerIdentity({ ...profile, username: normalizeUsername(profile.username) });
}

export function findUserByIdentity(users: UsersPort, ref: IdentityRef): Promise<User | undefined> {
  return users.findUserByIdentity(ref);
}

/** Resolves an `@mention` typed in chat to the wallet behind that handle on the same platform. */
export async function findUserByUsername(
  users: UsersPort,
  platform: Platform,
  username: string,
): Promise<User | undefined> {
  const bare = normalizeUsername(username);
  return bare ? users.findUserByUsername(platform, bare) : undefined;
}
