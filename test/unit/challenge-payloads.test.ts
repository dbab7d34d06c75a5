import { describe, expect, it } from 'vitest';
import { decodeChallengePayload } from '../../core/confirmation/challenge-payloads.js';
import type { ChallengeKind, KindAndPayload } from '../../core/ports/index.js';

/** A payload of every kind as its prepare function stores it; the Record names a kind missing here. */
const STORED: Record<ChallengeKind, KindAndPayload> = {
  send: { kind: 'send', payload: { toUserId: '2', currency: 'CNY', minor: '1000', memo: null } },
  claim: { kind: 'claim', payload: { currency: 'CNY', minor: '3000', memo: null, slots: 3, forHandle: null, once: true, days: 7, room: '-100123', nonce: 'q1w2e3r4t5y6u7i8o9p0aa' } },
  pay_request: { kind: 'pay_request', payload: { requestId: '9', merchantId: '3', currency: 'USD', minor: '250', memo: 'coffee' } },
  refund: { kind: 'refund', payload: { transferId: '6', toUserId: '1', currency: 'JPY', minor: '5', memo: null } },
  withdraw: { kind: 'withdraw', payload: { userId: '4', currency: 'EUR', minor: '100', memo: null } },
  deposit: { kind: 'deposit', payload: { userId: '4', currency: 'EUR', minor: '100', memo: 'top-up' } },
  unfreeze: { kind: 'unfreeze', payload: {} },
  close_account: { kind: 'close_account', payload: {} },
  reset_authenticator: { kind: 'reset_authenticator', payload: {} },
  link_identity: { kind: 'link_identity', payload: { platform: 'discord', platformUserId: '8123', codeHash: 'ab12' } },
  unlink_identity: { kind: 'unlink_identity', payload: { platform: 'telegram', platformUserId: '77' } },
  decide_verification: { kind: 'decide_verification', payload: { verificationId: '3', userId: '5', approve: false, reason: 'blurry photo' } },
  freeze_user: { kind: 'freeze_user', payload: { userId: '5' } },
  unfreeze_user: { kind: 'unfreeze_user', payload: { userId: '5' } },
  issue_api_key: { kind: 'issue_api_key', payload: { mode: 'live' } },
  set_webhook: { kind: 'set_webhook', payload: { url: 'https://shop.example/okpay' } },
};

describe('challenge payloads', () => {
  it('read back as their kind and typed payload, every kind', () => {
    for (const { kind, payload } of Object.values(STORED)) {
      expect(decodeChallengePayload(kind, JSON.parse(JSON.stringify(payload)))).toEqual({ kind, payload });
    }
  });

  it('read a stored payload without a memo as having none', () => {
    expect(decodeChallengePayload('send', { toUserId: '2', currency: 'CNY', minor: '1' })).toEqual({
      kind: 'send',
      payload: { toUserId: '2', currency: 'CNY', minor: '1', memo: null },
    });
  });

  it('refuse an unknown kind or a payload that does not fit its kind, instead of running it', () => {
    expect(decodeChallengePayload('teleport', {})).toBeUndefined();
    expect(decodeChallengePayload('send', { toUserId: '2', currency: 'XYZ', minor: '1', memo: null })).toBeUndefined();
    expect(decodeChallengePayload('send', { toUserId: '2', currency: 'CNY', minor: '-1', memo: null })).toBeUndefined();
    expect(decodeChallengePayload('freeze_user', {})).toBeUndefined();
    expect(decodeChallengePayload('link_identity', { platform: 'irc', platformUserId: '1', codeHash: 'x' })).toBeUndefined();
    expect(decodeChallengePayload('decide_verification', { verificationId: '3', userId: '5', approve: 'yes', reason: null })).toBeUndefined();
  });
});
