/** Chat platforms a person can reach the wallet from. */
export type Platform = 'telegram' | 'discord' | 'console';

/** Database ids cross the port as decimal strings: exact, and JSON-safe for button payloads. */
export type UserId = string;

export type UserStatus = 'active' | 'frozen' | 'closed';

/** Who froze a wallet: a freeze is lifted only by the same side (an owner's by the owner's code). */
export type FrozenBy = 'owner' | 'operator';

export interface User {
  id: UserId;
  status: UserStatus;
  /** Set while frozen. */
  frozenBy?: FrozenBy;
  locale: string;
  /** The person chose `locale` with `/language`; until then it follows the language they write in. */
  localeChosen: boolean;
  tier: number;
  /** Set on a sandbox twin: the wallet whose test money it holds (see SandboxPort). */
  sandboxOf?: UserId;
  createdAt: Date;
}

export interface IdentityRef {
  platform: Platform;
  platformUserId: string;
}

export interface IdentityProfile extends IdentityRef {
  /** Platform handle without the @, if the person has one. */
  username?: string;
  /** Platform language on first contact, e.g. `zh-CN`. */
  locale?: string;
}

export interface UsersPort {
  /** Finds the identity's wallet or creates user, identity and wallet together. */
  registerIdentity(profile: IdentityProfile): Promise<{ user: User; created: boolean }>;
  findUserByIdentity(ref: IdentityRef): Promise<User | undefined>;
  findUserByUsername(platform: Platform, username: string): Promise<User | undefined>;
  getUser(id: UserId): Promise<User | undefined>;
  identitiesOf(userId: UserId): Promise<(IdentityRef & { username?: string })[]>;
  /** The person's choice (`/language`): kept from now on, whatever they write in. */
  chooseLocale(id: UserId, locale: string): Promise<void>;
  /** The language the person writes in, taken as theirs unless they chose one: a chosen locale stays. */
  followLocale(id: UserId, locale: string): Promise<void>;
}
