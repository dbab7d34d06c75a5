import { describe, expect, it } from 'vitest';
import { chineseNumber } from '../../bot/intents/chinese-numerals.js';
import { parseMessage } from '../../bot/intents/parse.js';

describe('an amount’s currency is never guessed', () => {
  it.each([
    ['send 400 JPN to @bob', 'JPN'],
    ['send 400JPN to @bob', 'JPN'],
    ['send 10 U\u0405D to @bob', 'U\u0405D'],
    ['send 10 to @bob U\u0405D', 'U\u0405D'],
    ['send 10 aud to @bob', 'aud'],
    ['send 10 rupees to @bob', 'rupees'],
    ['send ₩5000 to @bob', '₩'],
    ['send 10₽ to @bob', '₽'],
    ['给 @bob 转 10 韩元', '韩元'],
    ['给 @bob 转 10韩元', '韩元'],
    ['/request 30 XYZ coffee', 'XYZ'],
  ])('%s: the unsupported currency is named (%s)', (message, written) => {
    const intent = parseMessage(message);
    expect(intent).toMatchObject({ amountIssue: { reason: 'unsupported_currency', written } });
    expect(intent).not.toHaveProperty('amount');
    expect((intent as { memo?: string }).memo ?? '').not.toContain(written);
  });

  it.each([
    ['send $10 CNY to @bob', '10', ['USD', 'CNY']],
    ['send 10 USD 元 to @bob', '10', ['USD', 'CNY']],
    ['send ¥10 美元 to @bob', '10', ['CNY', 'USD']],
    ['send USD 10 EUR to @bob', '10', ['USD', 'EUR']],
    ['send 10 to @bob USD', '10', ['USD', 'CNY']],
    ['send 10 to @bob for lunch in euros', '10', ['EUR', 'CNY']],
    ['给 @bob 转 10 午饭 美元', '10', ['USD', 'CNY']],
    ['send 10 USD to @bob in EUR', '10', ['USD', 'EUR']],
  ])('%s asks which currency', (message, decimal, options) => {
    const intent = parseMessage(message);
    expect(intent).toMatchObject({ amountIssue: { reason: 'which_currency', decimal, options } });
    expect(intent).not.toHaveProperty('amount');
  });

  it.each([
    ['send 10 USD to @bob, USD please', { decimal: '10', currency: 'USD' }],
    ['send 10 to @bob 元', { decimal: '10', currency: 'CNY' }],
    ['send 10 to @bob', { decimal: '10' }],
    ['send @bob 10 tea', { decimal: '10' }],
  ])('%s: one currency, or none (CNY), is exact', (message, amount) => {
    expect(parseMessage(message)).toMatchObject({ kind: 'send', amount });
  });

  it('keeps three-letter words of one script in the memo (été), refusing only mixed ones', () => {
    expect(parseMessage('send @bob 10 été')).toMatchObject({ amount: { decimal: '10' }, memo: 'été' });
    expect(parseMessage('send @bob 10 для')).toMatchObject({ amount: { decimal: '10' }, memo: 'для' });
  });

  it('remembers a currency written without a number, for the question “how much”', () => {
    expect(parseMessage('send USD to @bob')).toMatchObject({ kind: 'send', to: 'bob', amountIssue: { reason: 'unclear', currencies: ['USD'] } });
    expect(parseMessage('send USD to @bob')).not.toHaveProperty('memo');
  });

  it.each(['send -5 to @bob', 'send −5 to @bob', 'send -¥5 to @bob', 'send ¥-5 to @bob', 'send -5元 to @bob', 'send －5 to @bob'])(
    '%s keeps the sign, so the wallet answers “more than zero”',
    (message) => {
      expect(parseMessage(message)).toMatchObject({ kind: 'send', to: 'bob', amount: { decimal: '-5' } });
    },
  );

  it.each(['五五', '十十', '百五', '五十五十', '一百一百', '千百', '一二三', '两十', '零五', '五零', '一百零', '万', '万五', '一万五百', '一千五十', '一千零五百', '十两', '零零'])(
    '%s is not a well-formed numeral: ask how much',
    (numeral) => {
      expect(chineseNumber(numeral)).toBeUndefined();
      const intent = parseMessage(`给 @bob 转 ${numeral} 元`);
      expect(intent).toMatchObject({ kind: 'send', to: 'bob', amountIssue: { reason: 'unclear' } });
      expect(intent).not.toHaveProperty('amount');
    },
  );
});

describe('Chinese numerals', () => {
  it.each([
    ['零', 0], ['一', 1], ['两', 2], ['十', 10], ['十五', 15], ['一十五', 15], ['二十', 20], ['五十', 50], ['九十九', 99],
    ['一百', 100], ['两百', 200], ['一百零五', 105], ['一百一十', 110], ['一百二十', 120], ['一百五', 150], ['五百零一', 501],
    ['一千', 1000], ['两千', 2000], ['一千零一', 1001], ['一千零一十', 1010], ['一千零五十', 1050], ['一千二百', 1200], ['两千五', 2500],
    ['一万', 10000], ['十万', 100000], ['一万五', 15000], ['一万零五', 10005], ['一万零五百', 10500], ['三万五千', 35000],
    ['二十万', 200000], ['一百万', 1000000], ['一千万', 10000000], ['九千九百九十九万九千九百九十九', 99999999],
  ])('%s = %d', (numeral, value) => {
    expect(chineseNumber(numeral)).toBe(value);
  });
});
