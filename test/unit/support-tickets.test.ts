import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { IdentityRef } from '../../core/ports/index.js';
import { openMemoryWallet, type WalletUnderTest } from '../fakes/memory-wallet.js';
import { expectError } from '../support/confirmation-fixtures.js';
import { manualClock } from '../support/manual-clock.js';
import { freshKey, unwrap } from '../support/wallet-fixtures.js';

const clock = manualClock();
// ops2 never wrote to the bot: it has no wallet to be told in
const operators: IdentityRef[] = [
  { platform: 'console', platformUserId: 'ops' },
  { platform: 'telegram', platformUserId: '77' },
  { platform: 'console', platformUserId: 'ops2' },
];
let t: WalletUnderTest;
let ops: Actor;
let opsOnTelegram: Actor;
let alice: Actor;

async function person(identity: IdentityRef): Promise<Actor> {
  const { user } = await t.wallet.register({ ...identity, username: identity.platformUserId });
  return { user, identity };
}

beforeAll(async () => {
  t = openMemoryWallet({ clock, operators });
  ops = await person(operators[0]!);
  opsOnTelegram = await person(operators[1]!);
  alice = await person({ platform: 'console', platformUserId: 'alice' });
});

const kindsFor = async (actor: Actor) => (await t.wallet.notificationsOf(actor.user.id, 50)).map((n) => n.notice.kind);

describe('support tickets in the core', () => {
  it('tells every operator that has a wallet, once, and keeps the ticket as written, trimmed', async () => {
    const key = freshKey();
    const ticket = unwrap(await t.wallet.openTicket({ key, actor: alice, chatId: 'direct', text: '  lost my phone  ' }));
    expect(ticket).toMatchObject({ userId: alice.user.id, text: 'lost my phone', status: 'open', openedAt: clock.now(), from: { ...alice.identity, chatId: 'direct' } });
    expect(unwrap(await t.wallet.openTicket({ key, actor: alice, chatId: 'direct', text: 'lost my phone' }))).toEqual(ticket);
    expectError(await t.wallet.openTicket({ key, actor: alice, chatId: 'direct', text: 'other' }), 'idempotency.conflict');
    expect(await kindsFor(ops)).toEqual(['support.opened']);
    expect(await kindsFor(opsOnTelegram)).toEqual(['support.opened']);
  });

  it('refuses an empty message and one over 1000 characters, counted in code points', async () => {
    expectError(await t.wallet.openTicket({ key: freshKey(), actor: alice, chatId: 'direct', text: '   ' }), 'support.empty');
    const tooLong = await t.wallet.openTicket({ key: freshKey(), actor: alice, chatId: 'direct', text: '😀'.repeat(1001) });
    expect(tooLong).toEqual({ ok: false, error: { code: 'support.too_long', params: { max: 1000 } } });
    unwrap(await t.wallet.openTicket({ key: freshKey(), actor: alice, chatId: 'direct', text: '😀'.repeat(1000) }));
  });

  it('lets only operators answer, never their own ticket, and names a ticket that does not exist', async () => {
    const ticket = unwrap(await t.wallet.openTicket({ key: freshKey(), actor: alice, chatId: 'direct', text: 'help' }));
    expectError(await t.wallet.answerTicket({ key: freshKey(), operator: alice, ticketId: ticket.id, text: 'hi' }), 'operator.required');
    const missing = await t.wallet.answerTicket({ key: freshKey(), operator: ops, ticketId: '424242', text: 'hi' });
    expect(missing).toEqual({ ok: false, error: { code: 'support.not_found', params: { ticket: '424242' } } });
    const own = unwrap(await t.wallet.openTicket({ key: freshKey(), actor: ops, chatId: 'direct', text: 'me' }));
    expectError(await t.wallet.answerTicket({ key: freshKey(), operator: ops, ticketId: own.id, text: 'hi' }), 'operator.self');
    clock.advance(60_000);
    const answered = unwrap(await t.wallet.answerTicket({ key: freshKey(), operator: ops, ticketId: ticket.id, text: 'Done.' }));
    expect(answered).toMatchObject({ status: 'answered', answeredAt: clock.now() });
    expect((await kindsFor(alice))[0]).toBe('support.answered');
  });

  it('lists the open tickets to operators and their own to everyone else', async () => {
    const mine = await t.wallet.listTickets(alice);
    expect(mine.scope).toBe('own');
    expect(mine.tickets.every((ticket) => ticket.userId === alice.user.id)).toBe(true);
    const open = await t.wallet.listTickets(ops);
    expect(open.scope).toBe('open');
    expect(open.tickets.every((ticket) => ticket.status === 'open')).toBe(true);
    expect(open.tickets.map((ticket) => Number(ticket.id))).toEqual([...open.tickets.map((ticket) => Number(ticket.id))].sort((a, b) => b - a));
  });
});
