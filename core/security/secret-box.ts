import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals authenticator secrets with AES-256-GCM before they reach the database, so a copy of the
 * database alone cannot mint codes. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export function createSecretBox(key: Buffer) {
  if (key.length !== 32) throw new Error('the wallet secret key must be 32 bytes');
  const derivationKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'okpay derive v1', 32));
  return {
    seal(plaintext: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    /**
     * A value only this key can compute for `label` (HMAC-SHA256 under a subkey of its own, never the
     * sealing key itself): secrets that must be shown again on a replay without ever being stored,
     * like a claim link's.
     */
    derive(label: string): Buffer {
      return createHmac('sha256', derivationKey).update(label).digest();
    },
    open(sealed: string): string {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unrecognised sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
