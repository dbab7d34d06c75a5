import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readNumber } from '../../bot/intents/amount.js';
import { chineseNumber } from '../../bot/intents/chinese-numerals.js';
import { intentSchema } from '../../bot/intents/intent.js';
import { parseMessage } from '../../bot/intents/parse.js';

type Case = [string, Record<string, unknown>];

const send = (to: string | undefined, decimal?: string, currency?: string, memo?: string) => ({
  kind: 'send',
  ...(to ? { to } : {}),
  ...(decimal ? { amount: { decimal, ...(currency ? { currency } : {}) } } : {}),
  ...(memo ? { memo } : {}),
});

/** An amount written so that reading it would need a guess: the handler asks how much. */
const unclear = { reason: 'unclear' };

const SEND_CASES: Case[] = [
  ['/send @bob 10', send('bob', '10')],
  ['/send @bob 10 USD lunch', send('bob', '10', 'USD', 'lunch')],
  ['/send@OKPayBot @bob 3', send('bob', '3')],
  ['/SEND @bob 3', send('bob', '3')],
  ['send 10 to @bob', send('bob', '10')],
  ['Send 10 to @bob', send('bob', '10')],
  ['send @bob 10', send('bob', '10')],
  ['send @bob 10.5', send('bob', '10.5')],
  ['send @bob 1,000.50', send('bob', '1,000.50')],
  ['send @bob １０', send('bob', '10')],
  ['send @bob １０．５', send('bob', '10.5')],
  ['send @bob ¥10', send('bob', '10', 'CNY')],
  ['send @bob ￥10', send('bob', '10', 'CNY')],
  ['send @bob $10', send('bob', '10', 'USD')],
  ['send @bob €5', send('bob', '5', 'EUR')],
  ['send @bob £5', send('bob', '5', 'GBP')],
  ['send @bob 10元', send('bob', '10', 'CNY')],
  ['send @bob 10块', send('bob', '10', 'CNY')],
  ['send @bob 10 CNY', send('bob', '10', 'CNY')],
  ['send @bob 10 cny', send('bob', '10', 'CNY')],
  ['send @bob 10 rmb', send('bob', '10', 'CNY')],
  ['send @bob 10 RMB', send('bob', '10', 'CNY')],
  ['send @bob 5 美元', send('bob', '5', 'USD')],
  ['send @bob 5 欧元', send('bob', '5', 'EUR')],
  ['send @bob 1000 JPY', send('bob', '1000', 'JPY')],
  ['send @bob 20 HKD', send('bob', '20', 'HKD')],
  ['send @bob 20 usd', send('bob', '20', 'USD')],
  ['send @bob 20 dollars', send('bob', '20', 'USD')],
  ['send @bob 20 euros', send('bob', '20', 'EUR')],
  ['send @bob 五十元', send('bob', '50', 'CNY')],
  ['send 5 USD to @carol for tickets', send('carol', '5', 'USD', 'tickets')],
  ['pay @bob $5 for lunch', send('bob', '5', 'USD', 'lunch')],
  ['pay @bob 5', send('bob', '5')],
  ['transfer 30 to @dave', send('dave', '30')],
  ['give @dave 30', send('dave', '30')],
  ['send 10', send(undefined, '10')],
  ['send to @bob', send('bob')],
  ['send', send(undefined)],
  ['转账 @bob 10', send('bob', '10')],
  ['转账 @bob 10 元', send('bob', '10', 'CNY')],
  ['给 @bob 转 10 元', send('bob', '10', 'CNY')],
  ['给@bob转账10块', send('bob', '10', 'CNY')],
  ['给@bob转10元', send('bob', '10', 'CNY')],
  ['给 @bob 转 五十元', send('bob', '50', 'CNY')],
  ['给 @bob 转 一百二十元', send('bob', '120', 'CNY')],
  ['付给 @bob 5 美元 午饭', send('bob', '5', 'USD', '午饭')],
  ['付给 @bob 5 欧元', send('bob', '5', 'EUR')],
  ['转给 @bob 8 元 打车', send('bob', '8', 'CNY', '打车')],
  ['给 @bob 转 １０ 元', send('bob', '10', 'CNY')],
  ['给 @bob 转 ¥10', send('bob', '10', 'CNY')],
  ['转账 @bob 10 美元 房租', send('bob', '10', 'USD', '房租')],
  ['支付 @bob 3 元', send('bob', '3', 'CNY')],
  ['转账', send(undefined)],
  ['给 @bob 转', send('bob')],
];

const SIMPLE_CASES: Case[] = [
  ...['balance', 'Balance', "what's my balance", 'whats my balance', 'my balance', 'check balance', 'show my balance', '/balance', '余额', '查余额', '查询余额', '我的余额'].map(
    (t): Case => [t, { kind: 'balance' }],
  ),
  ...['freeze', 'Freeze', 'freeze my account', 'FREEZE!', '/freeze', '冻结', '冻结账户', '锁定账户'].map((t): Case => [t, { kind: 'freeze' }]),
  ...['unfreeze', '/unfreeze', '解冻', '解除冻结'].map((t): Case => [t, { kind: 'unfreeze' }]),
  ...['help', '/help', '?', '帮助', '怎么用'].map((t): Case => [t, { kind: 'help' }]),
  ...['statement', '/statement', '账单', '对账单'].map((t): Case => [t, { kind: 'statement' }]),
  ...['history', '/history', 'transactions', '交易记录', '记录', '明细'].map((t): Case => [t, { kind: 'history' }]),
  ...['/start', 'start', '开始', '注册'].map((t): Case => [t, { kind: 'start' }]),
  ...['/2fa', '2fa', 'setup authenticator', '两步验证', '验证器'].map((t): Case => [t, { kind: 'setup_2fa' }]),
  ...['/cancel', 'cancel', '取消'].map((t): Case => [t, { kind: 'cancel' }]),
  ...['/close', 'close my account', 'close account', '注销', '销户'].map((t): Case => [t, { kind: 'close' }]),
  ...['/recover', 'recover', '恢复', '找回'].map((t): Case => [t, { kind: 'recover' }]),
  ...['实名认证', 'verify', '/verify', '认证'].map((t): Case => [t, { kind: 'verify' }]),
  ...['/language', 'language', '语言'].map((t): Case => [t, { kind: 'language' }]),
  ...['hello', 'hi there', '你好', 'lorem ipsum', '/unknowncommand', '!!!', '🙂', ''].map((t): Case => [t, { kind: 'unknown' }]),
];

const OTHER_CASES: Case[] = [
  ['refund T1042 5', { kind: 'refund', ref: 'T1042', amount: { decimal: '5' } }],
  ['refund t1042', { kind: 'refund', ref: 'T1042' }],
  ['/refund T1042 2.50', { kind: 'refund', ref: 'T1042', amount: { decimal: '2.50' } }],
  ['退款 T1042', { kind: 'refund', ref: 'T1042' }],
  ['退款 T1042 5 元', { kind: 'refund', ref: 'T1042', amount: { decimal: '5', currency: 'CNY' } }],
  ['refund', { kind: 'refund' }],
  ['/askrefund T27 wrong amount', { kind: 'ask_refund', ref: 'T27', reason: 'wrong amount' }],
  ['ask for a refund T27', { kind: 'ask_refund', ref: 'T27' }],
  ['申请退款 T27 买错了', { kind: 'ask_refund', ref: 'T27', reason: '买错了' }],
  ['/request 30 CNY coffee', { kind: 'request', amount: { decimal: '30', currency: 'CNY' }, memo: 'coffee' }],
  ['request 12.50 USD for lunch', { kind: 'request', amount: { decimal: '12.50', currency: 'USD' }, memo: 'lunch' }],
  ['/request 30 @bob dinner', { kind: 'request', amount: { decimal: '30' }, memo: 'dinner', payer: 'bob' }],
  ['收款 30 元 咖啡', { kind: 'request', amount: { decimal: '30', currency: 'CNY' }, memo: '咖啡' }],
  ['收款 五十元', { kind: 'request', amount: { decimal: '50', currency: 'CNY' } }],
  ['/request', { kind: 'request' }],
  ['/pay R15', { kind: 'pay', ref: 'R15' }],
  ['pay R15', { kind: 'pay', ref: 'R15' }],
  ['/pay', { kind: 'send' }],
  ['123456', { kind: 'confirm', code: '123456' }],
  ['１２３４５６', { kind: 'confirm', code: '123456' }],
  ['/confirm 654321', { kind: 'confirm', code: '654321' }],
  ['confirm 654321', { kind: 'confirm', code: '654321' }],
  ['确认 654321', { kind: 'confirm', code: '654321' }],
  ['ABCD-EFGH-JKMN', { kind: 'confirm', code: 'ABCD-EFGH-JKMN' }],
  ['/confirm', { kind: 'confirm' }],
  ['/language zh', { kind: 'language', locale: 'zh-CN' }],
  ['/language en', { kind: 'language', locale: 'en' }],
  ['language chinese', { kind: 'language', locale: 'zh-CN' }],
  ['语言 中文', { kind: 'language', locale: 'zh-CN' }],
  ['语言 英文', { kind: 'language', locale: 'en' }],
  ['/link', { kind: 'link' }],
  ['/unlink telegram', { kind: 'unlink', platform: 'telegram' }],
  ['解绑 discord', { kind: 'unlink', platform: 'discord' }],
  ['/unlink', { kind: 'unlink' }],
  ['/link ABCD2345', { kind: 'link', code: 'ABCD2345' }],
  ['绑定 ABCD2345', { kind: 'link', code: 'ABCD2345' }],
  ['/recover ABCD-EFGH-JKMN', { kind: 'recover', code: 'ABCD-EFGH-JKMN' }],
  ['/verify passport Alice Liddell', { kind: 'verify', document: 'passport', name: 'Alice Liddell' }],
  ['实名认证 id_card 张三', { kind: 'verify', document: 'id_card', name: '张三' }],
  ['/history 2s', { kind: 'history' }],
  ['send @bob 1万', { ...send('bob'), amountIssue: unclear }],
  ['给@bob转5千块', { ...send('bob'), amountIssue: unclear }],
  ['send @bob 10元5角', { ...send('bob'), amountIssue: { ...unclear, currencies: ['CNY'] } }],
  ['send @bob 10 20', { ...send('bob'), amountIssue: unclear }],
  ['send @bob USD 10', send('bob', '10', 'USD')],
  ['send @bob.smith 10', send('bob.smith', '10')],
  ['send 10 to @bob.', send('bob', '10')],
  ['send @bob-smith 10', { ...send(undefined, '10'), unreadableHandle: '@bob-smith' }],
  ['send @bob @carol 10', send(undefined, '10')],
  ['转账 @bob 一万五', send('bob', '15000')],
  ['给 @bob 转 两千五 元', send('bob', '2500', 'CNY')],
  ['/deposit @alice 200 CNY', { kind: 'deposit', user: 'alice', amount: { decimal: '200', currency: 'CNY' } }],
  ['/withdraw @alice 50', { kind: 'withdraw', user: 'alice', amount: { decimal: '50' } }],
  ['/approve 12', { kind: 'approve', id: '12' }],
  ['/reject 12 blurry photo', { kind: 'reject', id: '12', reason: 'blurry photo' }],
  ['/freezeuser @mallory', { kind: 'freezeuser', user: 'mallory' }],
];

describe('parseMessage', () => {
  it.each([...SEND_CASES, ...SIMPLE_CASES, ...OTHER_CASES])('%s', (input, expected) => {
    expect(parseMessage(input)).toEqual(expected);
  });

  it('has hundreds of cases in both languages', () => {
    expect(SEND_CASES.length + SIMPLE_CASES.length + OTHER_CASES.length).toBeGreaterThanOrEqual(150);
  });

  it('never throws and always returns a valid intent, whatever arrives', () => {
    const junk = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.array(fc.constantFrom('send', '给', '@bob', '10', '元', '\u202e', '\u200f', '🙂', '\u0000', '/', '¥', '$', '１', '五十', 'T1042', '\n'), { maxLength: 40 }).map((p) => p.join(' ')),
      fc.constant('send @bob 10 '.repeat(800)),
      fc.string({ minLength: 10_000, maxLength: 10_000 }),
    );
    fc.assert(
      fc.property(junk, (input) => {
        const intent = parseMessage(input);
        expect(intentSchema.safeParse(intent).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** Free text read wherever its words stand; each of these was misread when only a message's opening counted. */
const ANYWHERE_CASES: Case[] = [
  // a freeze beats everything else in the message
  ['not me, freeze, don\'t send', { kind: 'freeze' }],
  ['send 10 to @bob — no wait, that was not me, freeze', { kind: 'freeze' }],
  ['帮我冻结账户', { kind: 'freeze' }],
  ['my account was stolen, freeze it quickly', { kind: 'freeze' }],
  ['I didn\'t make this payment', { kind: 'freeze' }],
  ['这笔不是我付的', { kind: 'freeze' }],
  ['给 @bob 转 10 元，不对，账号被盗了', { kind: 'freeze' }],
  // a negation, the opposite, a question or another sense is no freeze
  ['freeze? no, don\'t freeze', { kind: 'unknown' }],
  ['冻结？不要冻结', { kind: 'unknown' }],
  ['freeze the dumplings tonight', { kind: 'unknown' }],
  ['冻结的饺子怎么煮', { kind: 'unknown' }],
  ['please unfreeze my wallet', { kind: 'unfreeze' }],
  ['how do I unfreeze', { kind: 'unfreeze' }],
  ['可以解冻了', { kind: 'unfreeze' }],
  ['what does freeze do?', { kind: 'help' }],
  ['冻结是什么意思', { kind: 'help' }],
  // suspicion without a request is asked about
  ['I don\'t recognise this payment', { kind: 'ask_freeze' }],
  ['这笔付款不是我认识的', { kind: 'ask_freeze' }],
  ['was I hacked?', { kind: 'ask_freeze' }],
  // typos in command words, full-width, mixed languages, questions, politeness
  ['balnce', { kind: 'balance' }],
  ['histroy', { kind: 'history' }],
  ['frezee my acount', { kind: 'freeze' }],
  ['ｆｒｅｅｚｅ', { kind: 'freeze' }],
  ['Ｂａｌａｎｃｅ？', { kind: 'balance' }],
  ['帮我check一下balance', { kind: 'balance' }],
  ['how much do I have?', { kind: 'balance' }],
  ['我还有多少钱', { kind: 'balance' }],
  ['转账记录', { kind: 'history' }],
  ['can you send 10 to @bob please', send('bob', '10')],
  ['帮我给@bob转10块打车', send('bob', '10', 'CNY', '打车')],
  ['请给 @ivy 转一百二十元', send('ivy', '120', 'CNY')],
  ['我想转50块给@dave', send('dave', '50', 'CNY')],
  ['ask @carol to pay me 15', { kind: 'request', amount: { decimal: '15' }, payer: 'carol' }],
  ['can I get a refund on T14?', { kind: 'ask_refund', ref: 'T14' }],
  ['帮我付R9', { kind: 'pay', ref: 'R9' }],
  ['pay this request', { kind: 'pay' }],
  ['contact support my card is stuck', { kind: 'support', message: 'my card is stuck' }],
  ['联系客服', { kind: 'support' }],
  ['/support the code never came', { kind: 'support', message: 'the code never came' }],
  ['/reply s12 fixed now', { kind: 'reply', ticket: 'S12', message: 'fixed now' }],
  ['/tickets', { kind: 'tickets' }],
  ['switch to chinese', { kind: 'language', locale: 'zh-CN' }],
  ['切换成英文', { kind: 'language', locale: 'en' }],
  ['用中文还是英文', { kind: 'language' }],
  ['I never sent that money', { kind: 'freeze' }],
  ['i didnt send it yet', { kind: 'send', memo: 'didnt it yet' }],
  // a Chinese input method's full-width letters and @ are the same handle and words, not look-alikes
  ['ｓｅｎｄ　１０　ｔｏ　＠ｂｏｂ', send('bob', '10')],
  ['转账１０元给＠ｂｏｂ', send('bob', '10', 'CNY')],
  ['把10块转给@bob', send('bob', '10', 'CNY')],
  ['please unlink my discord account', { kind: 'unlink', platform: 'discord' }],
];

/** Slot values alone answer a question the bot asked: they must not become a command. */
const ANSWER_CASES: Case[] = ['5', '10 USD', '@bob', 'USD', 'T2', 'en', '英文', 'telegram', 'discord', '五十元'].map((t): Case => [t, { kind: 'unknown' }]);

describe('intents anywhere in a message', () => {
  it.each([...ANYWHERE_CASES, ...ANSWER_CASES])('%s', (input, expected) => {
    expect(parseMessage(input)).toEqual(expected);
  });
});

describe('amounts', () => {
  it.each([
    ['五十', 50], ['十', 10], ['十五', 15], ['一百二十', 120], ['两千', 2000], ['三万五千', 35000], ['一千零一', 1001], ['零', 0],
  ])('%s = %d', (text, value) => {
    expect(chineseNumber(text)).toBe(value);
  });

  it.each([
    ['10', { decimal: '10' }],
    ['hk$20', { decimal: '20', currency: 'HKD' }],
    ['5美元', { decimal: '5', currency: 'USD' }],
    ['3日元', { decimal: '3', currency: 'JPY' }],
    ['10usd', { decimal: '10', currency: 'USD' }],
  ])('%s', (token, amount) => {
    expect(readNumber(token)).toEqual(amount);
  });

  it('reads nothing that is not an amount', () => {
    for (const token of ['ten', '10apples', 'abc', '五十个']) expect(readNumber(token)).toBeUndefined();
  });
});

/** Misreadings a reviewer found in sentences the corpus was not written beside; each was read wrongly before. */
const REVIEW_CASES: Case[] = [
  // money taken, said in a panic, is a freeze
  ...['有人转走了我的钱', 'someone sent money from my account', 'my account was taken over', 'there is a payment I never made', '钱被人偷偷转走了', 'somebody is using my wallet', 'my money is gone and I didn\'t do it', '账号被别人盗了'].map((t): Case => [t, { kind: 'freeze' }]),
  // “not me”, 不是我 and “I didn't” about something other than a payment are no freeze
  ...['这不是我要的', '那不是我说的', '这不是我的错', '这个不是我', '我没付钱 他说没收到', 'I did not request anything', 'thanks, not me', 'this isn\'t me in the photo'].map((t): Case => [t, { kind: 'unknown' }]),
  ...['not me', 'that wasn\'t me', 'help! money is leaving my account, it\'s not me'].map((t): Case => [t, { kind: 'freeze' }]),
  ['send it to @bob, not me', { kind: 'send', to: 'bob', memo: 'it , not' }],
  ['I didn\'t pay him the full amount, can I pay the rest?', { kind: 'help' }],
  ['I didn\'t confirm, why is it asking again', { kind: 'help' }],
  // a question about theft or freezing is not a report of it
  ...['what should I do if I get hacked', 'how do I protect my account from hackers', '怎么防止被盗', 'Will my account freeze if I enter the wrong code?', 'will it freeze?', '冻结期间能收款吗', '输错验证码会被冻结吗'].map((t): Case => [t, { kind: 'help' }]),
  // a message to someone else is read for its opening only
  ['reply S1 please freeze your wallet', { kind: 'reply', ticket: 'S1', message: 'please freeze your wallet' }],
  ['回复 S1 请冻结你的钱包', { kind: 'reply', ticket: 'S1', message: '请冻结你的钱包' }],
  ['contact support: my account was hacked, freeze it', { kind: 'support', message: 'my account was hacked, freeze it' }],
  ['客服 我的钱被盗了 帮我冻结', { kind: 'support', message: '我的钱被盗了 帮我冻结' }],
  ['联系客服 有人盗了我的账户', { kind: 'support', message: '有人盗了我的账户' }],
  ['/support my wallet was stolen please freeze', { kind: 'support', message: 'my wallet was stolen please freeze' }],
  ['my account was hacked, contact support', { kind: 'freeze' }],
  // 支持 is “to support”: only a person asked for opens a ticket
  ...['支持美元吗？', '支持哪些货币', 'support usd?', '人工智能是什么', 'I will complain to my bank', 'does okpay support discord?'].map((t): Case => [t, { kind: 'unknown' }]),
  ['转人工', { kind: 'support' }],
  // a question about a payment is not an order to make one; a polite order still is
  ...['did @bob pay me 10 yet?', '@bob 付我10块了吗', 'has alice paid me?'].map((t): Case => [t, { kind: 'history' }]),
  ...['how do I send 10 to @bob?', '为什么转账失败了'].map((t): Case => [t, { kind: 'help' }]),
  ['有人给我转了钱', { kind: 'history' }],
  ['如果有人转走了我的钱怎么办', { kind: 'help' }],
  ['can you send 10 to @bob', send('bob', '10')],
  ['could you request 15 from @carol', { kind: 'request', amount: { decimal: '15' }, payer: 'carol', memo: 'from' }],
  ['能帮我给@bob转10块吗', send('bob', '10', 'CNY', '吗')],
  ['i didnt send it yet', { kind: 'send', memo: 'didnt it yet' }],
];

describe('sentences found misread by review', () => {
  it.each([...REVIEW_CASES, ...ANSWER_CASES])('%s', (input, expected) => {
    expect(parseMessage(input)).toEqual(expected);
  });
});
