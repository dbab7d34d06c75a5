import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLAIM_SECRET, claimSecretOf, newClaimNonce } from '../../core/claims/claim-secret.js';
import type { WalletContext } from '../../core/context.js';
import type { Challenge } from '../../core/ports/index.js';
import { createSecretBox } from '../../core/security/secret-box.js';

const key = randomBytes(32);
const ctx = { secrets: createSecretBox(key) } as unknown as WalletContext;

function claimChallenge(id: string, nonce: string): Challenge<'claim'> {
  const payload = { currency: 'CNY', minor: '1000', memo: null, slots: 1, forHandle: null, once: false, days: 7, room: null, nonce } as const;
  return { id, kind: 'claim', payload } as unknown as Challenge<'claim'>;
}

describe('a claim link secret', () => {
  it('is the same for one challenge every time, so a replayed confirmation shows the same link', () => {
    const challenge = claimChallenge('41', newClaimNonce());
    expect(claimSecretOf(ctx, challenge)).toBe(claimSecretOf(ctx, challenge));
    expect(claimSecretOf(ctx, challenge)).toMatch(CLAIM_SECRET);
  });

  it('differs with the random nonce drawn at prepare, not only with the challenge id', () => {
    const nonces = new Set(Array.from({ length: 50 }, newClaimNonce));
    expect(nonces.size).toBe(50);
    const secrets = [...nonces].map((nonce) => claimSecretOf(ctx, claimChallenge('41', nonce)));
    expect(new Set(secrets).size).toBe(50);
  });

  it('is not the HMAC of its label under the sealing key itself: derivation has a subkey of its own', () => {
    const challenge = claimChallenge('7', newClaimNonce());
    const underSealingKey = createHmac('sha256', key).update(`claim:7:${challenge.payload.nonce}`).digest('base64url');
    expect(claimSecretOf(ctx, challenge)).not.toBe(underSealingKey);
  });
});
