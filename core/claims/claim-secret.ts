import { createHash, randomBytes } from 'node:crypto';
import type { WalletContext } from '../context.js';
import type { Challenge } from '../ports/index.js';

/** base64url of 32 bytes: what a claim link carries after `claim_` (Telegram's start payload allows 64). */
export const CLAIM_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** 128 random bits drawn when a claim is prepared; with the wallet key they make the link's secret. */
export function newClaimNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The secret of the claim a challenge creates: 32 bytes computed from the challenge's random nonce
 * under a key derived from the wallet key, so it is unguessable, stored nowhere — the database keeps
 * only its hash — and a replayed confirmation can still show the sender the same link.
 */
export function claimSecretOf(ctx: WalletContext, challenge: Challenge<'claim'>): string {
  return ctx.secrets.derive(`claim:${challenge.id}:${challenge.payload.nonce}`).toString('base64url');
}

/** What the store keeps and looks a link up by: SHA-256 of the secret, so a copy of the database opens no claim. */
export function hashClaimSecret(secret: string): string {
  return createHash('sha256').update(`okpay-claim:${secret}`).digest('hex');
}
