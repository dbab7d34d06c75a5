import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION_BYTES, type ButtonAction } from '../../core/actions/button-action.js';

/** Database ids up to int8's 19 digits, and history cursors up to 12 base-36 digits. */
const id = fc.oneof(fc.constant('9223372036854775807'), fc.bigInt({ min: 1n, max: 9223372036854775807n }).map(String));
const cursor = fc.stringMatching(/^[0-9a-z]{1,12}$/);

const action: fc.Arbitrary<ButtonAction> = fc.oneof(
  id.map((requestId): ButtonAction => ({ kind: 'pay_request', requestId })),
  id.map((requestId): ButtonAction => ({ kind: 'cancel_request', requestId })),
  fc.constant<ButtonAction>({ kind: 'freeze' }),
  fc.constant<ButtonAction>({ kind: 'history_page' }),
  cursor.map((c): ButtonAction => ({ kind: 'history_page', cursor: c })),
  id.map((askId): ButtonAction => ({ kind: 'refund', askId })),
  id.map((askId): ButtonAction => ({ kind: 'decline_refund', askId })),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((secret): ButtonAction => ({ kind: 'claim', secret })),
  id.map((claimId): ButtonAction => ({ kind: 'cancel_claim', claimId })),
  id.map((offerId): ButtonAction => ({ kind: 'hold', offerId })),
);

describe('button actions', () => {
  it('fit Telegram callback data (64 bytes) and read back as themselves, whatever their ids', () => {
    fc.assert(
      fc.property(action, (a) => {
        const data = encodeAction(a);
        expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(MAX_ACTION_BYTES);
        expect(decodeAction(data)).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });

  it('still read the callback data of cards and alerts posted before actions were typed', () => {
    expect(decodeAction('pay:42')).toEqual({ kind: 'pay_request', requestId: '42' });
    expect(decodeAction('cancelreq:42')).toEqual({ kind: 'cancel_request', requestId: '42' });
    expect(decodeAction('freeze')).toEqual({ kind: 'freeze' });
    expect(decodeAction('hist:')).toEqual({ kind: 'history_page' });
    expect(decodeAction('hist:3f')).toEqual({ kind: 'history_page', cursor: '3f' });
    expect(decodeAction('refund:7')).toEqual({ kind: 'refund', askId: '7' });
    expect(decodeAction('decline:7')).toEqual({ kind: 'decline_refund', askId: '7' });
  });

  it('refuse data this version never wrote', () => {
    for (const data of ['', 'pay', 'pay:', 'pay:abc', 'pay:1:2', 'freeze:1', 'hist:UPPER', 'hist:0123456789abc', 'refund:-1', 'code', 'confirm', 'nope:1']) {
      expect(decodeAction(data), data).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (data) => {
        const decoded = decodeAction(data);
        if (decoded) expect(encodeAction(decoded)).toBe(data);
      }),
    );
  });
});
