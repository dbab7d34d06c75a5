import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../bot/intents/parse.js';
import { consoleSession } from '../support/console-session.js';

const s = consoleSession();

describe('a mention is the whole handle or nothing', () => {
  it.each([
    ['send 10 to @b\u043eb', '@b\u043eb'],
    ['send 10 to @bo\u200bb', '@bo\u200bb'],
    ['send 10 to @bob\u200d', '@bob\u200d'],
    ['send 10 to @bob\ufeff now', '@bob\ufeff'],
    ['send @bob-smith 10', '@bob-smith'],
    ['give @\u0392ob 10', '@\u0392ob'],
    ['给 @陌生人 转 5 元', '@陌生人'],
    ['给@b\u043eb转10元', '@b\u043eb'],
  ])('%s is refused, not shortened', (message, written) => {
    const intent = parseMessage(message);
    expect(intent).toMatchObject({ kind: 'send', unreadableHandle: written });
    expect(intent).not.toHaveProperty('to');
  });

  it.each([
    ['/request 30 @b\u043eb dinner', { kind: 'request', unreadableHandle: '@b\u043eb' }],
    ['/deposit @\u0430lice 200 CNY', { kind: 'deposit', unreadableHandle: '@\u0430lice' }],
    ['/freezeuser @mal\u200blory', { kind: 'freezeuser', unreadableHandle: '@mal\u200blory' }],
  ])('%s is refused in every command that names someone', (message, expected) => {
    expect(parseMessage(message)).toMatchObject(expected);
  });

  it.each([
    ['给@bob转账10块', 'bob'],
    ['send 10 to @bob.', 'bob'],
    ['send 10 to @bob, thanks', 'bob'],
    ['send 10 to (@bob)', 'bob'],
    ['send @bob.smith 10', 'bob.smith'],
  ])('%s still reads the handle', (message, to) => {
    expect(parseMessage(message)).toMatchObject({ kind: 'send', to });
  });

  it('does not take an e-mail address for a mention', () => {
    expect(parseMessage('send 10 to @bob for alice@example.com')).toMatchObject({ to: 'bob', memo: 'alice@example.com' });
  });
});

describe('console: look-alike handles, unknown handles and letter case', () => {
  it('refuses a look-alike or invisible character and pays nobody, naming what was written', async () => {
    await s.onboard(['mia', 'b', 'bo', 'bob']);
    const out = await s.play(`
      mia: send 10 to @b\u043eb
      mia: send 10 to @bo\u200bb
      mia: send 10 to @nobody
      mia: 给 @b\u043eb 转 10 元
    `);
    expect(out).toContain('bot -> mia: I can\'t use @b\u043eb as a handle: “\u043e” (U+043E) is not a plain letter, digit, _ or .');
    expect(out).toContain('bot -> mia: I can\'t use @bo[U+200B]b as a handle: U+200B is not a plain letter, digit, _ or .');
    expect(out).toContain("bot -> mia: I don't know @nobody yet");
    expect(out).toContain('bot -> mia: I can\'t use @b\u043eb as a handle');
    expect(await s.t.wallet.pendingChallenge({ platform: 'console', platformUserId: 'mia' })).toBeUndefined();
    expect(await s.balance('mia')).toBe(1000_00n);
  });

  it('answers in Chinese alike', async () => {
    await s.onboard(['mei', 'lei']);
    const out = await s.play(`
      mei: 语言 中文
      mei: 给 @le\u0456 转 10 元
      mei: 给 @陌生人 转 5 元
      mei: 给 @nobody 转 5 元
    `);
    expect(out).toContain('bot -> mei: 无法使用 @le\u0456 作为用户名：“\u0456” (U+0456) 不是普通字母、数字、_ 或 .');
    expect(out).toContain('bot -> mei: 无法使用 @陌生人 作为用户名');
    expect(out).toContain('bot -> mei: 我还不认识 @nobody');
  });

  it('treats console names case-insensitively, so @BOB can never be someone other than bob', async () => {
    await s.onboard(['kim', 'tom']);
    const out = await s.play(`
      TOM: /start
      kim: send 5 to @TOM
      kim: {code}
    `);
    expect(out).toContain('bot -> tom: Welcome back, tom.');
    expect(out).toContain('bot -> kim: Sent CN¥5.00 to @tom.');
    expect(await s.balance('tom')).toBe(5_00n);
  });
});
