import { createHash } from 'node:crypto';
import type { WalletContext } from '../context.js';

/** base64url of 32 bytes: what a claim link carries after `claim_` (Telegram's start payload allows 64). */
export const CLAIM_SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * The secret of the claim a challenge creates: 32 bytes that only the wallet key can compute from
 * the challenge, so it is stored nowhere — the database keeps only its hash — and a replayed
 * confirmation can still show the sender the same link.
 */
export function claimSecretOf(ctx: WalletContext, challengeId: string): string {
  return ctx.secrets.derive(`claim:${challengeId}`).toString('base64url');
}

/** What the store keeps and looks a link up by: SHA-256 of the secret, so a copy of the database opens no claim. */
export function hashClaimSecret(secret: string): string {
  return createHash('sha256').update(`okpay-claim:${secret}`).digest('hex');
}
