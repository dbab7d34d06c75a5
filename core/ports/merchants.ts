import type { UserId } from './users.js';

export type ApiKeyMode = 'live' | 'test';

export interface Merchant {
  userId: UserId;
  displayName: string;
  /** The origin allowed to frame the merchant's checkout pages (opted in by API); absent: none. */
  embedOrigin?: string;
}

/** An API key as its merchant may see it again: never the secret, only its last 4 characters. */
export interface ApiKeyInfo {
  id: string;
  mode: ApiKeyMode;
  last4: string;
  createdAt: Date;
  revokedAt?: Date;
}

export interface NewApiKey {
  merchantId: UserId;
  mode: ApiKeyMode;
  keyHash: string;
  last4: string;
  challengeId: string;
}

export interface MerchantsPort {
  /** Makes the wallet a merchant, or renames it; returns the merchant as it now stands. */
  upsert(userId: UserId, displayName: string): Promise<Merchant>;
  get(userId: UserId): Promise<Merchant | undefined>;
  /** Sets or (null) clears the origin allowed to frame the checkout pages. */
  setEmbedOrigin(userId: UserId, origin: string | null): Promise<Merchant | undefined>;
  /** Stores a key once per challenge; `issued` false when that challenge already issued one. */
  issueKey(key: NewApiKey): Promise<{ key: ApiKeyInfo; issued: boolean }>;
  listKeys(merchantId: UserId): Promise<ApiKeyInfo[]>;
  revokeKey(merchantId: UserId, keyId: string, now: Date): Promise<ApiKeyInfo | undefined>;
  /** The merchant and mode behind a key's hash, if the key was issued and not revoked. */
  findByKeyHash(keyHash: string): Promise<{ merchantId: UserId; mode: ApiKeyMode; keyId: string } | undefined>;
}
