import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `ABCD-EFGH-JKMN`: 12 characters of a 32-letter alphabet (60 bits), easy to copy by hand. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

export function normalizeRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function looksLikeRecoveryCode(text: string): boolean {
  return /^[A-Z0-9]{12}$/.test(normalizeRecoveryCode(text)) && /^[\sA-Za-z0-9-]+$/.test(text.trim());
}

/** Recovery codes carry 60 random bits, so a plain SHA-256 is enough to keep them unreadable at rest. */
export function hashRecoveryCode(text: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(text)).digest('hex');
}
