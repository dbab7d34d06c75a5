import { REFERENCE } from '../replies/refs.js';
import type { IntentKind } from './intent.js';
import { corrected } from './typos.js';

/**
 * Which words of a free-text message its slots are read from, once the intent is known from
 * words anywhere in it: everything but the words that named the intent or asked politely
 * (“can you please send 10 to @bob for lunch” → `10 to @bob for lunch`), read by the same exact
 * slot readers as a command's arguments. Nothing is corrected or guessed here: a word that is not
 * one of these stays, and ends in the memo.
 */
export function slotWords(kind: IntentKind, tokens: string[]): string[] {
  switch (kind) {
    case 'send':
    case 'request':
    case 'refund':
    case 'ask_refund':
    case 'pay':
      return tokens.filter((token) => !isCommandWord(token, kind));
    case 'support':
      return trimmed(tokens, (token) => isCommandWord(token, 'support'));
    case 'reply': {
      const at = tokens.findIndex((token) => TICKET.test(token));
      return at < 0 ? [] : tokens.slice(at);
    }
    case 'language':
      return tokens.filter((token) => LOCALE_WORDS.has(bare(token))).map(bare).slice(0, 1);
    case 'unlink':
      return tokens.filter((token) => PLATFORMS.has(bare(token))).map(bare).slice(0, 1);
    case 'link':
    case 'recover':
    case 'confirm':
      return tokens.filter((token) => CODE_LIKE.test(token)).slice(0, 1);
    default:
      return [];
  }
}

const TICKET = /^S[1-9]\d{0,17}$/i;
const CODE_LIKE = /^(?=[A-Za-z-]*\d)(?:\d{6}|[A-Za-z0-9]{8}|[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}|[A-Za-z0-9]{12})$/;
const LOCALE_WORDS = new Set(['en', 'english', '英文', '英语', 'zh', 'chinese', 'mandarin', '中文', '汉语', '普通话']);
const PLATFORMS = new Set(['telegram', 'discord', 'console']);
const bare = (token: string) => token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const POLITE = 'please pls plz can could would will you u i id im want wanna to like need hey hi hello bot okpay quickly now quick asap just kindly help me ok okay so um uh yes';
const POLITE_ZH = '帮我 帮忙 请 麻烦 麻烦你 我想 我要 想 要 一下 吧 你 能 可以 可不可以 能不能 下 了 哦 啊 呀 嘛 呢 好的 快 赶紧 马上 现在 我';
const WORDS: Partial<Record<IntentKind, string>> = {
  send: 'send transfer wire pay give venmo remit split money cash over',
  request: 'request ask asking tell charge bill invoice collect create make post open a an payment get paid pay owes owe',
  refund: 'refund refunds return give back send it the money payment his her their him them',
  ask_refund: 'ask asking for a an refund request want get my money back return give can on of',
  pay: 'pay the this that request invoice bill for',
  support: 'contact support talk speak chat to with a an the real actual live human person agent operator staff customer service team admin representative rep get reach connect call find need want',
};
const WORDS_ZH: Partial<Record<IntentKind, string>> = {
  send: '给 转账 转给 转钱 转 打钱 汇款 汇给 付给 付钱 付款 支付 付 打款 过去 钱',
  request: '收款 收钱 要钱 让 请 叫 付 给 向 要 找 发起 催款 欠 欠我 付我 我 发 个 一个 收',
  refund: '退款 退钱 退还 退回 退给 退 把 钱 给 这笔 那笔 笔',
  ask_refund: '申请退款 要求退款 请求退款 想要 退款 退钱 退给我 退 把钱 把 钱 给我 回来 退回',
  pay: '支付 付款 付 缴 收款单 收款请求 这个 那个 这笔',
  support: '客服 人工客服 联系客服 人工 支持 联系 找 真人 技术支持 支持团队 投诉 转',
};

const setOf = (words: string | undefined) => new Set((words ?? '').split(' ').filter(Boolean));
const LATIN = Object.fromEntries(Object.entries(WORDS).map(([kind, words]) => [kind, new Set([...setOf(POLITE), ...setOf(words)])]));
const HAN = Object.fromEntries(Object.entries(WORDS_ZH).map(([kind, words]) => [kind, [...setOf(POLITE_ZH), ...setOf(words)].sort((a, b) => b.length - a.length)]));

/** A word that named the intent or was politeness: Latin by its lower-case (typo-corrected) form, Chinese if made only of such pieces. */
function isCommandWord(token: string, kind: IntentKind): boolean {
  if (token.startsWith('@') || REFERENCE.test(token)) return false;
  const word = token.toLowerCase().replace(/[’']/g, '').replace(/[,.!?;:，。！？；：、~…]+$/u, '');
  if (!word) return true;
  if (/^[a-z]+$/.test(word)) return LATIN[kind]?.has(corrected(word)) ?? false;
  return /^[\u3400-\u9fff]+$/.test(word) && coveredBy(word, HAN[kind] ?? []);
}

/** True if the Chinese word is made entirely of the given pieces (“帮我给” = 帮我 + 给). */
function coveredBy(word: string, pieces: string[]): boolean {
  const reachable = [true, ...Array<boolean>(word.length).fill(false)];
  for (let i = 0; i < word.length; i++) {
    if (!reachable[i]) continue;
    for (const piece of pieces) if (word.startsWith(piece, i)) reachable[i + piece.length] = true;
  }
  return reachable[word.length]!;
}

/** The words between the leading and trailing command words: what a person asked support. */
function trimmed(tokens: string[], drop: (token: string) => boolean): string[] {
  let from = 0;
  let to = tokens.length;
  while (from < to && drop(tokens[from]!)) from++;
  while (to > from && drop(tokens[to - 1]!)) to--;
  return tokens.slice(from, to);
}
