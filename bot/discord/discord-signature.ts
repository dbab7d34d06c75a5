import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key from the Developer Portal (64 hex characters) as a key object. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/**
 * Discord signs every interaction it POSTs: Ed25519 over the timestamp header followed by the raw
 * body. Anything unsigned, malformed or signed by another key is refused before it is read.
 */
export function isSignedByDiscord(key: KeyObject, timestamp: string | undefined, rawBody: Buffer, signatureHex: string | undefined): boolean {
  if (!timestamp || !signatureHex || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
