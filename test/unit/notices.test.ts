import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../core/actions/button-action.js';
import { decodeNotice, encodeNotice, noticeActions, type Notice, type NoticeKind } from '../../core/notices/index.js';
import { money } from '../../core/money/index.js';
import type { TransferKind } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { translate } from '../../bot/i18n/i18n.js';
import { renderNotice } from '../../bot/replies/notices.js';

/** One notice of every kind; the Record makes the compiler name a kind added to the union and missing here. */
const SAMPLES: Record<NoticeKind, Notice> = {
  'send.sent': { kind: 'send.sent', transferId: '5', amount: money('CNY', 1000n), counterpartyId: '2', memo: '咖啡 ☕' },
  'send.received': { kind: 'send.received', transferId: '5', amount: money('CNY', 1000n), counterpartyId: '1' },
  'payment.sent': { kind: 'payment.sent', transferId: '6', amount: money('USD', 250n), counterpartyId: '3', requestId: '9' },
  'payment.received': { kind: 'payment.received', transferId: '6', amount: money('USD', 250n), counterpartyId: '1', requestId: '9' },
  'refund.sent': { kind: 'refund.sent', transferId: '7', amount: money('JPY', 5n), counterpartyId: '1', relatedTransferId: '6', refundRemaining: money('JPY', 0n) },
  'refund.received': { kind: 'refund.received', transferId: '7', amount: money('JPY', 5n), counterpartyId: '3', relatedTransferId: '6', refundRemaining: money('JPY', 0n) },
  'deposit.received': { kind: 'deposit.received', transferId: '8', amount: money('EUR', 100n) },
  'withdrawal.sent': { kind: 'withdrawal.sent', transferId: '9', amount: money('EUR', 100n) },
  'refund.asked': { kind: 'refund.asked', transferId: '6', askId: '4', askedBy: '1', reason: 'cold coffee' },
  'refund.declined': { kind: 'refund.declined', transferId: '6', by: '3' },
  'security.frozen': { kind: 'security.frozen', by: 'operator' },
  'security.unfrozen': { kind: 'security.unfrozen', by: 'owner' },
  'security.authenticator_enabled': { kind: 'security.authenticator_enabled' },
  'security.authenticator_removed': { kind: 'security.authenticator_removed' },
  'security.confirmations_blocked': { kind: 'security.confirmations_blocked', minutes: 15 },
  'security.identity_linked': { kind: 'security.identity_linked', platform: 'discord' },
  'security.identity_unlinked': { kind: 'security.identity_unlinked', platform: 'telegram' },
  'verification.approved': { kind: 'verification.approved', tier: 2 },
  'verification.rejected': { kind: 'verification.rejected', reason: 'blurry photo' },
  'account.closed': { kind: 'account.closed' },
  'support.opened': { kind: 'support.opened', ticketId: '12', userId: '1', platform: 'telegram', text: 'I did not send T5 ✋' },
  'support.answered': { kind: 'support.answered', ticketId: '12', text: 'We froze it; write back anytime.' },
  'claim.created': { kind: 'claim.created', claimId: '3', amount: money('CNY', 1000n), forHandle: 'newbie' },
  'claim.received': { kind: 'claim.received', claimId: '3', transferId: '11', amount: money('CNY', 1000n), senderId: '1' },
  'claim.claimed': { kind: 'claim.claimed', claimId: '3', amount: money('CNY', 1000n), claimerId: '2' },
  'claim.cancelled': { kind: 'claim.cancelled', claimId: '3', amount: money('CNY', 500n) },
  'claim.expired': { kind: 'claim.expired', claimId: '3', amount: money('CNY', 500n) },
  'webhook.failing': { kind: 'webhook.failing', url: 'https://shop.example/okpay', eventId: 'evt_1' },
};

const TRANSFER_KINDS: Record<TransferKind, { payer: boolean; payee: boolean }> = {
  send: { payer: true, payee: true },
  payment: { payer: true, payee: true },
  refund: { payer: true, payee: true },
  // the external rails are no one's wallet: a deposit has no payer, a withdrawal no payee
  deposit: { payer: false, payee: true },
  withdrawal: { payer: true, payee: false },
  // a claim's movements go through the claims account and are told by the claim functions
  claim: { payer: false, payee: false },
};

const migrations = readdirSync(new URL('../../db/migrations/', import.meta.url))
  .filter((name) => name.endsWith('.sql'))
  .map((name) => ({ name, sql: readFileSync(new URL(`../../db/migrations/${name}`, import.meta.url), 'utf8') }));

/** Each `INSERT INTO notifications` statement of the migrations, up to its semicolon. */
function outboxInserts(sql: string): string[] {
  return [...sql.matchAll(/INSERT INTO notifications\b[\s\S]*?;/gi)].map((m) => m[0]);
}

/** The params a statement builds with jsonb_build_object, each as the SQL would fill it. */
function paramsOf(statement: string): Record<string, string | null> {
  const build = /jsonb_build_object\(([\s\S]*?)\)\s*,/i.exec(statement)?.[1] ?? '';
  const fill = (key: string) => (key === 'currency' ? 'CNY' : key === 'memo' || key === 'refundRemaining' ? null : key === 'amount' ? '100' : '1');
  return Object.fromEntries([...build.matchAll(/'(\w+)'\s*,/g)].map((m) => [m[1]!, fill(m[1]!)]));
}

describe('notices', () => {
  it('read back exactly as written, every kind', () => {
    for (const notice of Object.values(SAMPLES)) {
      const stored = JSON.parse(JSON.stringify(encodeNotice(notice)));
      expect(decodeNotice(stored)).toEqual({ ok: true, notice });
    }
  });

  it('report a kind this version does not know, or params that do not fit, instead of throwing', () => {
    expect(decodeNotice({ kind: 'transfer.teleported', params: {} })).toMatchObject({ ok: false, problem: expect.stringContaining('transfer.teleported') });
    expect(decodeNotice({ kind: 'security.frozen', params: { by: 'someone' } })).toMatchObject({ ok: false });
    expect(decodeNotice({ kind: 'send.sent', params: { transferId: '1', amount: '5', currency: 'XYZ' } })).toMatchObject({ ok: false });
    expect(decodeNotice({ kind: 'account.closed', params: null })).toMatchObject({ ok: false });
  });

  it('read rows stored before notices were typed (an unfreeze without who lifted it)', () => {
    expect(decodeNotice({ kind: 'security.unfrozen', params: {} })).toEqual({ ok: true, notice: { kind: 'security.unfrozen' } });
    expect(decodeNotice({ kind: 'refund.asked', params: { transferId: '6', askId: '4', reason: null, askedBy: '1' } })).toEqual({
      ok: true,
      notice: { kind: 'refund.asked', transferId: '6', askId: '4', askedBy: '1' },
    });
  });

  it('decode every kind the migrations write into the outbox, with the params they build', () => {
    let checked = 0;
    for (const { name, sql } of migrations) {
      for (const statement of outboxInserts(sql)) {
        const params = paramsOf(statement);
        const kinds: string[] = [];
        if (/p_kind\s*\|\|/.test(statement)) {
          const sides = [...statement.matchAll(/'(\.\w+)'/g)].map((m) => m[1]!);
          expect(sides.sort(), name).toEqual(['.received', '.sent']);
          expect(Object.keys(params), name).toEqual(expect.arrayContaining(['transferId', 'amount', 'currency']));
          for (const [kind, parties] of Object.entries(TRANSFER_KINDS)) {
            if (parties.payer) kinds.push(`${kind}.sent`);
            if (parties.payee) kinds.push(`${kind}.received`);
          }
        }
        kinds.push(...[...statement.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!));
        expect(kinds.length, `${name}: an outbox insert whose kinds this test cannot read`).toBeGreaterThan(0);
        for (const kind of kinds) {
          expect(decodeNotice({ kind, params }), `${name}: ${kind}`).toMatchObject({ ok: true });
          checked += 1;
        }
      }
      for (const m of sql.matchAll(/"?kind"?\s*=\s*'([a-z_]+\.[a-z_]+)'/g)) expect(Object.keys(SAMPLES), name).toContain(m[1]);
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('offer Freeze where money left or security changed, Refund and Decline on an ask, nothing else', () => {
    const offered = Object.fromEntries(Object.values(SAMPLES).map((n) => [n.kind, noticeActions(n).map((a) => a.kind)]));
    expect(offered).toEqual({
      'send.sent': ['freeze'],
      'send.received': [],
      'payment.sent': ['freeze'],
      'payment.received': [],
      'refund.sent': ['freeze'],
      'refund.received': [],
      'deposit.received': [],
      'withdrawal.sent': ['freeze'],
      'refund.asked': ['refund', 'decline_refund'],
      'refund.declined': [],
      'security.frozen': [],
      'security.unfrozen': ['freeze'],
      'security.authenticator_enabled': ['freeze'],
      'security.authenticator_removed': ['freeze'],
      'security.confirmations_blocked': ['freeze'],
      'security.identity_linked': ['freeze'],
      'security.identity_unlinked': ['freeze'],
      'verification.approved': [],
      'verification.rejected': [],
      'account.closed': [],
      'support.opened': [],
      'support.answered': [],
      'claim.created': ['freeze'],
      'claim.received': [],
      'claim.claimed': [],
      'claim.cancelled': [],
      'claim.expired': [],
      'webhook.failing': [],
    });
    expect(noticeActions(SAMPLES['refund.asked'])).toEqual([
      { kind: 'refund', askId: '4' },
      { kind: 'decline_refund', askId: '4' },
    ]);
  });

  it('render every kind in both languages, with every placeholder filled, and their buttons', async () => {
    const wallet = { identitiesOf: async (userId: string) => [{ platform: 'console', platformUserId: `user${userId}`, username: `user${userId}` }] } as unknown as Wallet;
    for (const notice of Object.values(SAMPLES)) {
      for (const locale of ['en', 'zh-CN']) {
        const reply = await renderNotice(wallet, { id: '1', userId: '1', notice, createdAt: new Date(0) }, locale, 'console');
        expect(reply.to).toEqual({ kind: 'direct', userId: '1' });
        const shown = reply.lines.map((line) => translate(locale, line)).join('\n');
        expect(shown, `${notice.kind} in ${locale}`).not.toMatch(/\{\{|notice\./);
        expect((reply.buttons ?? []).map((b) => encodeAction(b.action))).toEqual(noticeActions(notice).map(encodeAction));
        for (const button of reply.buttons ?? []) expect(translate(locale, button.label)).not.toMatch(/^buttons\./);
      }
    }
    const asked = await renderNotice(wallet, { id: '1', userId: '3', notice: SAMPLES['refund.asked'], createdAt: new Date(0) }, 'en', 'console');
    expect(translate('en', asked.lines[0]!)).toContain('@user1');
  });
});
