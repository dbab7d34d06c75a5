import { describe, expect, it } from 'vitest';
import { writtenLanguage } from '../../bot/i18n/written-language.js';

describe('the language a message is written in', () => {
  it.each([
    ['余额', 'zh-CN'],
    ['给 @bob 转 10 元', 'zh-CN'],
    ['帮我check一下balance', 'zh-CN'],
    ['send 10 to @bob 谢谢', 'zh-CN'],
    ['send 10 to @bob thanks 谢谢', 'en'],
    ['how much do I have?', 'en'],
    ['send 10 to @bob', 'en'],
    ['balance', 'en'],
    ['/send @bob 10 CNY lunch', 'en'],
    ['/language 中文', 'zh-CN'],
    ['ｂａｌａｎｃｅ', 'en'],
    // Han glued to an amount or a reference is still Chinese
    ['转账10块', 'zh-CN'],
    ['退款T2', 'zh-CN'],
    ['我要收款30元午饭', 'zh-CN'],
    ['ok thanks', 'en'],
  ] as const)('%s → %s', (message, locale) => {
    expect(writtenLanguage(message)).toBe(locale);
  });

  it.each(['10', '５', '123456', '@bob', '@bob 5', 'USD', '10 CNY', 'T2', 'T2B', 'ABCD-EFGH-2345', 'ABCD-EFGH-JKLM', '/balance', '/send@OKPayBot', '👍', '?', '', 'ok', 'yes', 'hi'])(
    'finds no language in %j',
    (message) => {
      expect(writtenLanguage(message)).toBeUndefined();
    },
  );
});
