import { timingSafeEqual } from 'node:crypto';
import { generateSecret, generateSync, generateURI } from 'otplib';

export const STEP_SECONDS = 30;
const CODE = /^\d{6}$/;

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(secret: string, label: string): string {
  return generateURI({ issuer: 'OKPay', label, secret });
}

export function stepAt(time: Date): bigint {
  return BigInt(Math.floor(time.getTime() / 1000 / STEP_SECONDS));
}

/** The code an authenticator shows at `time` (tests and the demo use it to play the user). */
export function codeAt(secret: string, time: Date): string {
  return generateSync({ secret, epoch: Math.floor(time.getTime() / 1000) });
}

export function looksLikeTotp(code: string): boolean {
  return CODE.test(code);
}

/**
 * The time step a code belongs to, if it is valid now or one step either side. Every candidate
 * is compared in constant time, so timing reveals nothing about which digits were right.
 */
export function matchStep(secret: string, code: string, now: Date): bigint | undefined {
  if (!looksLikeTotp(code)) return undefined;
  const given = Buffer.from(code);
  const current = stepAt(now);
  let matched: bigint | undefined;
  for (const delta of [-1n, 0n, 1n]) {
    const step = current + delta;
    const expected = Buffer.from(generateSync({ secret, epoch: Number(step) * STEP_SECONDS }));
    if (timingSafeEqual(expected, given) && matched === undefined) matched = step;
  }
  return matched;
}
