import type { WalletContext } from '../context.js';
import { WRONG_CODE_RULES } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { CodeCap, User, UserId } from '../ports/index.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.js';
import { looksLikeTotp, matchStep } from './totp.js';

/**
 * Checks a one-time code (or a recovery code) for the wallet's owner. Whether codes are blocked
 * is decided by the store together with spending the code, under the wallet's row lock, with the
 * wallet clock's time: a User read earlier may be stale by the time the code arrives, and wrong
 * codes on the wallet's other challenges may be landing at that very moment. A TOTP step is spent
 * once, so two confirmations racing with one code cannot both pass; wrong codes count against the
 * challenge (5 lock it) and the wallet (more than 10 within an hour block it). `spentBy`, the
 * confirming request's key and its challenge, lets that same request spend its code again for
 * that same challenge after a crash.
 */
export async function verifyCode(
  ctx: WalletContext,
  owner: User,
  code: string,
  challengeId: string | undefined,
  spentBy?: string,
): Promise<Outcome<'totp' | 'recovery'>> {
  const text = code.trim();
  const totp = looksLikeTotp(text);
  if (!totp && !looksLikeRecoveryCode(text)) return fail('code.malformed');
  const authenticator = await ctx.store.security.getAuthenticator(owner.id);
  if (authenticator?.status !== 'active') return fail('auth.not_enrolled');

  const cap: CodeCap = { rules: WRONG_CODE_RULES, now: ctx.clock.now() };
  const step = totp ? matchStep(ctx.secrets.open(authenticator.secretSealed), text, cap.now) : undefined;
  const use = !totp
    ? await ctx.store.security.useRecoveryCode(owner.id, hashRecoveryCode(text), cap, spentBy)
    : step === undefined
      ? undefined
      : await ctx.store.security.consumeStep(owner.id, step, cap, spentBy);
  if (use?.outcome === 'accepted') return ok(totp ? 'totp' : 'recovery');
  if (use?.outcome === 'blocked') return codeBlocked(use.until, cap.now);
  return wrongCode(ctx, owner.id, challengeId, cap, step === undefined ? 'code.invalid' : 'code.used');
}

/** Counts a wrong code; the answer says whether it locked the challenge or blocked the wallet. */
export async function wrongCode(
  ctx: WalletContext,
  userId: UserId,
  challengeId: string | undefined,
  cap: CodeCap,
  code: 'code.invalid' | 'code.used' | 'auth.wrong_code',
): Promise<Outcome<never>> {
  const wrong = await ctx.store.security.recordWrongCode(userId, challengeId, cap);
  if (wrong.blocked) return codeBlocked(wrong.until, cap.now);
  if (wrong.challengeLocked) return fail('challenge.locked');
  return fail(code, code === 'auth.wrong_code' ? {} : { attemptsLeft: wrong.attemptsLeft });
}

/** Spends a live code without using it for anything (it was exposed); true if it was one. */
export async function spendCode(ctx: WalletContext, owner: User, code: string): Promise<boolean> {
  const authenticator = await ctx.store.security.getAuthenticator(owner.id);
  if (authenticator?.status !== 'active') return false;
  if (looksLikeTotp(code)) {
    const step = matchStep(ctx.secrets.open(authenticator.secretSealed), code, ctx.clock.now());
    return step !== undefined && (await ctx.store.security.consumeStep(owner.id, step, 'burn')).outcome === 'accepted';
  }
  if (!looksLikeRecoveryCode(code)) return false;
  return (await ctx.store.security.useRecoveryCode(owner.id, hashRecoveryCode(code), 'burn')).outcome === 'accepted';
}

/** The refusal while codes are blocked, saying in whole minutes when they are accepted again. */
export function codeBlocked(until: Date, now: Date): Outcome<never> {
  return fail('code.blocked', { minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) });
}
