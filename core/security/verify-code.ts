import type { WalletContext } from '../context.js';
import { WRONG_CODE_RULES } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { User } from '../ports/index.js';
import { minutesUntil } from './authenticator.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.js';
import { looksLikeTotp, matchStep } from './totp.js';

/**
 * Checks a one-time code (or a recovery code) for the wallet's owner. A TOTP step is spent
 * atomically, so two confirmations racing with one code cannot both pass; wrong codes count
 * against the challenge (5 lock it) and the wallet (more than 10 an hour block it for 15 min).
 */
export async function verifyCode(
  ctx: WalletContext,
  owner: User,
  code: string,
  challengeId: string | undefined,
): Promise<Outcome<'totp' | 'recovery'>> {
  const now = ctx.clock.now();
  if (owner.confirmBlockedUntil && owner.confirmBlockedUntil > now) {
    return fail('code.blocked', { minutes: minutesUntil(owner.confirmBlockedUntil, now) });
  }
  const text = code.trim();
  if (!looksLikeTotp(text) && !looksLikeRecoveryCode(text)) return fail('code.malformed');
  const authenticator = await ctx.store.security.getAuthenticator(owner.id);
  if (authenticator?.status !== 'active') return fail('auth.not_enrolled');

  if (looksLikeTotp(text)) {
    const step = matchStep(ctx.secrets.open(authenticator.secretSealed), text, now);
    if (step !== undefined) {
      if (await ctx.store.security.consumeStep(owner.id, step)) return ok('totp');
      return wrongCode(ctx, owner, challengeId, 'code.used');
    }
  } else if (await ctx.store.security.useRecoveryCode(owner.id, hashRecoveryCode(text))) {
    return ok('recovery');
  }
  return wrongCode(ctx, owner, challengeId, 'code.invalid');
}

async function wrongCode(
  ctx: WalletContext,
  owner: User,
  challengeId: string | undefined,
  code: 'code.invalid' | 'code.used',
): Promise<Outcome<never>> {
  const wrong = await ctx.store.security.recordWrongCode(owner.id, challengeId, WRONG_CODE_RULES, ctx.clock.now());
  if (wrong.blockedUntil) return fail('code.blocked', { minutes: WRONG_CODE_RULES.blockMinutes });
  if (wrong.challengeLocked) return fail('challenge.locked');
  return fail(code, { attemptsLeft: wrong.attemptsLeft });
}

/** Spends a live code without using it for anything (it was exposed); true if it was one. */
export async function spendCode(ctx: WalletContext, owner: User, code: string): Promise<boolean> {
  const authenticator = await ctx.store.security.getAuthenticator(owner.id);
  if (authenticator?.status !== 'active') return false;
  if (looksLikeTotp(code)) {
    const step = matchStep(ctx.secrets.open(authenticator.secretSealed), code, ctx.clock.now());
    return step !== undefined && (await ctx.store.security.consumeStep(owner.id, step));
  }
  return looksLikeRecoveryCode(code) && (await ctx.store.security.useRecoveryCode(owner.id, hashRecoveryCode(code)));
}
