import QRCode from 'qrcode';
import type { WalletContext } from '../context.js';
import { WRONG_CODE_RULES } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { CodeCap, Platform, User } from '../ports/index.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { matchStep, newTotpSecret, otpauthUri } from './totp.js';
import { codeBlocked, wrongCode } from './verify-code.js';

export interface Enrollment {
  /** `otpauth://totp/OKPay:<label>?…`, the QR image's content, where a link can be opened. */
  uri: string;
  /** The base32 secret, for typing or pasting into the app where the link cannot be opened. */
  secret: string;
  qrPng: Buffer;
}

/**
 * Starts (or restarts) authenticator set-up: a fresh secret, sealed at rest, that becomes active
 * only once the user proves their app shows the right code. An active authenticator is replaced
 * only through a confirmed reset, never by starting over.
 */
export async function beginEnrollment(ctx: WalletContext, user: User, label: string): Promise<Outcome<Enrollment>> {
  const secret = newTotpSecret();
  const saved = await ctx.store.security.savePendingAuthenticator(user.id, ctx.secrets.seal(secret));
  if (!saved) return fail('auth.already_active');
  const uri = otpauthUri(secret, label);
  return ok({ uri, secret, qrPng: await QRCode.toBuffer(uri, { type: 'png', margin: 2, width: 256 }) });
}

/**
 * Activates the pending authenticator with one valid code and hands out 10 recovery codes, once.
 * Wrong codes count against the wallet's hourly cap like any other, decided by the store. The chat
 * the code came from (`origin`) answers with the recovery codes, so the alert goes to the others.
 */
export async function activateAuthenticator(
  ctx: WalletContext,
  user: User,
  code: string,
  origin?: Platform,
): Promise<Outcome<{ recoveryCodes: string[] }>> {
  const authenticator = await ctx.store.security.getAuthenticator(user.id);
  if (!authenticator) return fail('auth.no_pending');
  if (authenticator.status === 'active') return fail('auth.already_active');
  const cap: CodeCap = { rules: WRONG_CODE_RULES, now: ctx.clock.now() };
  const step = matchStep(ctx.secrets.open(authenticator.secretSealed), code.trim(), cap.now);
  if (step === undefined) return wrongCode(ctx, user.id, undefined, cap, 'auth.wrong_code');
  const recoveryCodes = newRecoveryCodes();
  const activated = await ctx.store.security.activateAuthenticator(user.id, step, recoveryCodes.map(hashRecoveryCode), cap, origin);
  if (activated.outcome === 'blocked') return codeBlocked(activated.until, cap.now);
  return activated.outcome === 'accepted' ? ok({ recoveryCodes }) : fail('code.used');
}
