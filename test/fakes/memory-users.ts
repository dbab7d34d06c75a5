import type { IdentityRef, UsersPort } from '../../core/ports/index.js';
import { toUser, type IdentityRow, type MemoryState } from './memory-state.js';

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Users and their chat identities; an identity is attached while not detached. */
export function memoryUsers(state: MemoryState): UsersPort {
  const attached = (ref: IdentityRef): IdentityRow | undefined =>
    state.identities.find((i) => !i.detached && i.platform === ref.platform && i.platformUserId === ref.platformUserId);

  return {
    async registerIdentity(profile) {
      if (profile.username) {
        for (const i of state.identities) {
          if (i.platform === profile.platform && i.platformUserId !== profile.platformUserId && same(i.username, profile.username)) {
            delete i.username;
          }
        }
      }
      const existing = attached(profile);
      if (existing) {
        if (profile.username === undefined) delete existing.username;
        else existing.username = profile.username;
        return { user: toUser(state.users.get(existing.userId)!), created: false };
      }
      const id = state.nextId('users');
      state.users.set(id, { id, status: 'active', locale: profile.locale ?? 'en', localeChosen: false, tier: 0, createdAt: state.clock.now() });
      state.identities.push({
        id: Number(state.nextId('identities')),
        userId: id,
        platform: profile.platform,
        platformUserId: profile.platformUserId,
        ...(profile.username ? { username: profile.username } : {}),
        detached: false,
      });
      return { user: toUser(state.users.get(id)!), created: true };
    },

    async findUserByIdentity(ref) {
      const identity = attached(ref);
      return identity && toUser(state.users.get(identity.userId)!);
    },

    async findUserByUsername(platform, username) {
      const identity = state.identities.find((i) => !i.detached && i.platform === platform && same(i.username, username));
      return identity && toUser(state.users.get(identity.userId)!);
    },

    async getUser(id) {
      const user = state.users.get(id);
      return user && toUser(user);
    },

    async identitiesOf(userId) {
      return state.identities
        .filter((i) => i.userId === userId && !i.detached)
        .map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, ...(i.username ? { username: i.username } : {}) }));
    },

    async chooseLocale(id, locale) {
      const user = state.users.get(id);
      if (user) Object.assign(user, { locale, localeChosen: true });
    },

    async followLocale(id, locale) {
      const user = state.users.get(id);
      if (user && !user.localeChosen) user.locale = locale;
    },
  };
}
