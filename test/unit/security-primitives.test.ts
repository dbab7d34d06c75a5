import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from '../../core/security/recovery-codes.js';
import { createSecretBox } from '../../core/security/secret-box.js';
import { codeAt, matchStep, newTotpSecret, otpauthUri, stepAt } from '../../core/security/totp.js';

describe('TOTP window', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-26T10:00:15Z');

  it.each([
    ['the current step', 0, true],
    ['one step ago', -30_000, true],
    ['one step ahead', 30_000, true],
    ['two steps ago', -60_000, false],
    ['two steps ahead', 60_000, false],
  ])('a code from %s is %s', (_name, offset, accepted) => {
    const code = codeAt(secret, new Date(now.getTime() + offset));
    const step = matchStep(secret, code, now);
    expect(step !== undefined).toBe(accepted);
    if (accepted) expect(step).toBe(stepAt(new Date(now.getTime() + offset)));
  });

  it('holds at the exact edges of a step', () => {
    const start = new Date('2026-11-26T10:00:00Z');
    const lastMs = new Date('2026-11-26T10:00:29.999Z');
    expect(matchStep(secret, codeAt(secret, new Date(start.getTime() - 30_000)), start)).toBeDefined();
    expect(matchStep(secret, codeAt(secret, new Date(start.getTime() - 30_001)), start)).toBeUndefined();
    expect(matchStep(secret, codeAt(secret, new Date(lastMs.getTime() + 30_000)), lastMs)).toBeDefined();
    expect(matchStep(secret, codeAt(secret, new Date(lastMs.getTime() + 30_001)), lastMs)).toBeUndefined();
  });

  it.each(['12345', '1234567', 'abcdef', '12 345', ''])('refuses the malformed code %o', (code) => {
    expect(matchStep(secret, code, now)).toBeUndefined();
  });

  it('labels the otpauth URI for OKPay and the handle', () => {
    const uri = new URL(otpauthUri(secret, 'alice'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/OKPay:alice');
    expect(uri.searchParams.get('issuer')).toBe('OKPay');
    expect(uri.searchParams.get('secret')).toBe(secret);
  });
});

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('refuses a tampered secret or the wrong key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => createSecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});

describe('recovery codes', () => {
  it('are ten distinct, readable codes whose hash ignores case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
      expect(hashRecoveryCode(code.toLowerCase().replaceAll('-', ' '))).toBe(hashRecoveryCode(code));
    }
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
