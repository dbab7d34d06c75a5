import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../bot/intents/parse.js';
import { checkMemo } from '../../core/ledger/move-money.js';
import { consoleSession } from '../support/console-session.js';

const s = consoleSession();

/** The memo of the newest payment the console user made or received. */
async function lastMemo(name: string): Promise<string | undefined> {
  const user = await s.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name });
  const page = await s.t.wallet.history({ userId: user!.id, limit: 1 });
  return page.ok ? page.value.items[0]?.memo : undefined;
}

describe('memos are Unicode text, counted in code points', () => {
  it('keeps an emoji that straddles the 200th character whole, and sends it', async () => {
    await s.onboard(['uma', 'uli']);
    const memo = `${'a'.repeat(199)}🎉`;
    const out = await s.play(`
      uma: send 1 to @uli ${memo}
      uma: {code}
    `);
    expect(out).not.toContain('something went wrong');
    expect(out).toContain(`bot -> uma: Send CN¥1.00 to @uli for “${memo}”?`);
    expect(out).toContain('bot -> uma: Sent CN¥1.00 to @uli.');
    expect(await lastMemo('uli')).toBe(memo);
  });

  it('refuses a memo over 200 characters with the memo message instead of cutting it', async () => {
    await s.onboard(['ula', 'ulf']);
    const out = await s.play(`ula: send 1 to @ulf ${'b'.repeat(200)}🎉`);
    expect(out).toContain('bot -> ula: The note is too long (at most 200 characters).');
    expect(await s.t.wallet.pendingChallenge({ platform: 'console', platformUserId: 'ula' })).toBeUndefined();
  });

  it('stores a lone surrogate from the input as the replacement character, never as broken text', async () => {
    await s.onboard(['uwe', 'uta']);
    const out = await s.play(`
      uwe: send 1 to @uta tea \ud83c
      uwe: {code}
    `);
    expect(out).not.toContain('something went wrong');
    expect(await lastMemo('uta')).toBe('tea \ufffd');
  });
});

describe('the parser reads user text whole', () => {
  it('never cuts a memo, so the wallet can refuse one that is too long', () => {
    const memo = 'c'.repeat(300);
    expect(parseMessage(`send 1 to @bob ${memo}`)).toMatchObject({ kind: 'send', memo });
  });

  it('makes text well-formed before reading it', () => {
    expect(parseMessage('send 1 to @bob x\udc00y')).toMatchObject({ memo: 'x\ufffdy' });
  });

  it('has the core refuse over-long memos by code points and repair lone surrogates', () => {
    expect(checkMemo(`${'a'.repeat(199)}🎉`)).toEqual({ ok: true, value: `${'a'.repeat(199)}🎉` });
    expect(checkMemo('a'.repeat(201)).ok).toBe(false);
    expect(checkMemo('ok \ud800')).toEqual({ ok: true, value: 'ok \ufffd' });
  });
});
