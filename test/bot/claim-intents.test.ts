import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../bot/intents/parse.js';
import { intentOfCommand } from '../../bot/discord/discord-commands.js';

const SECRET = 'tIBUE_dfF8e0E7Gh0GB4IHKba0FR_whxMmBTf_jgzkI';

/** Cheques, claims and the claim link read as the same intents in English, Chinese and slash form; the count is never read as money. */
describe('claim intents', () => {
  it.each([
    ['/cheque 30 CNY', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, once: false }],
    ['/cheque 30 CNY count 3', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, count: 3, once: false }],
    ['/cheque 50 CNY count 5 for @newbie once', { kind: 'cheque', amount: { decimal: '50', currency: 'CNY' }, count: 5, forHandle: 'newbie', once: true }],
    ['/cheque count 4 20 USD', { kind: 'cheque', amount: { decimal: '20', currency: 'USD' }, count: 4, once: false }],
    ['/cheque 30 CNY x3 lunch', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, count: 3, once: false, memo: 'lunch' }],
    ['cheque 30 CNY count 3 once', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, count: 3, once: true }],
    ['红包 30 元 3个 每人一次', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, count: 3, once: true }],
    ['发红包 30元 分3份', { kind: 'cheque', amount: { decimal: '30', currency: 'CNY' }, count: 3, once: false }],
    ['支票 50 元', { kind: 'cheque', amount: { decimal: '50', currency: 'CNY' }, once: false }],
  ])('%s', (text, intent) => {
    expect(parseMessage(text)).toEqual(intent);
  });

  it('reads a claim link whole, as the command, the free text, the Chinese word and Telegram’s start payload', () => {
    expect(parseMessage(`/claim ${SECRET}`)).toEqual({ kind: 'claim', secret: SECRET });
    expect(parseMessage(`claim ${SECRET}`)).toEqual({ kind: 'claim', secret: SECRET });
    expect(parseMessage(`领取 ${SECRET}`)).toEqual({ kind: 'claim', secret: SECRET });
    expect(parseMessage(`/start claim_${SECRET}`)).toEqual({ kind: 'start', claim: SECRET });
    expect(parseMessage('/start')).toEqual({ kind: 'start' });
    expect(parseMessage('/claim')).toEqual({ kind: 'claim' });
    expect(parseMessage('/claim not a link!')).toEqual({ kind: 'claim' });
  });

  it('lists one’s claims in both languages', () => {
    for (const text of ['/claims', 'my claims', 'my cheques', '我的红包', '我的支票']) expect(parseMessage(text), text).toEqual({ kind: 'claims' });
  });

  it('leaves payments, history and checks of the balance alone', () => {
    expect(parseMessage('send 10 to @newbie').kind).toBe('send');
    expect(parseMessage('check my balance').kind).toBe('balance');
    expect(parseMessage('给 @bob 转 10 元').kind).toBe('send');
  });

  it('maps Discord’s /cheque and /claim options to the same intents', () => {
    expect(intentOfCommand('cheque', { amount: 30, currency: 'CNY', count: 3, once: 'yes' }, {})).toEqual({
      kind: 'cheque',
      amount: { decimal: '30', currency: 'CNY' },
      count: 3,
      once: true,
    });
    expect(intentOfCommand('claim', { code: `claim_${SECRET}` }, {})).toEqual({ kind: 'claim', secret: SECRET });
    expect(intentOfCommand('claims', {}, {})).toEqual({ kind: 'claims' });
  });
});
