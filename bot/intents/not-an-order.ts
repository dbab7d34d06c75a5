import type { IntentKind } from './intent.js';

const either = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join('|'));

/** The readings that would start moving money or answer a challenge, if taken as an order. */
const ORDERS = new Set<IntentKind>(['send', 'request', 'pay', 'refund', 'confirm']);

/**
 * What a message that names a payment says when it orders none, read on the normalised text (see
 * `normalise`) once the lexicon has found a payment word in it:
 *
 * - a how- or why-question (“how do I send 10 to @bob?”, 为什么转账失败了) is `help`;
 * - a yes/no question whether one was made (“did @bob pay me 10 yet?”, “has alice paid me?”,
 *   @bob 付我10块了吗), or news of one received (有人给我转了钱), is `history`;
 * - asking whether one may pay, or whether paying is possible, naming no one and no amount (“can I
 *   pay the rest?”, 支持微信支付吗), is `help`;
 * - a payment said not to have happened (“I did not request anything”, 我没付钱) is `unknown`, or
 *   `help` when it goes on to a question.
 *
 * Polite orders stay orders (“can you send 10 to @bob”, 能帮我给@bob转10块吗): only a question
 * about the payment itself is no order, so no one is asked for a code they did not mean to give.
 * Undefined means the reading stands.
 */
export function notAnOrder(kind: IntentKind, s: string): IntentKind | undefined {
  if (!ORDERS.has(kind)) return undefined;
  if (HOW_OR_WHY.test(s)) return 'help';
  if (HAPPENED.test(s)) return 'history';
  const namesNothing = !/[@\d]/.test(s);
  if (MAY_I.test(s) && namesNothing) return 'help';
  if (DENIED.test(s)) return QUESTION.test(s) ? 'help' : 'unknown';
  return undefined;
}

/** Someone other than “not” or “never” after did/has: “did you send”, “has @ paid”. */
const WHO = /(?!not\b|never\b)(@|[a-z]+)\s+/.source;

const HAPPENED = either(
  new RegExp(`(^|\\s)did\\s+(${WHO}){1,2}((already|ever|actually|really)\\s+)?(pay|send|transfer|refund|return|request|charge)\\b`),
  new RegExp(`(^|\\s)(has|have|had)\\s+(${WHO}){1,2}((already|ever|actually|really|not|yet)\\s+)?(paid|sent|transferred|refunded|returned|requested|charged)\\b`),
  /\b(@|he|she|they|someone|somebody)\s+((already|just)\s+)?(sent|paid|transferred)\s+(me|us)\b/,
  /(了|过)\s*(吗|么|嘛|没|没有)\s*(\?\s*)?$|(有没有|是否|是不是)(已经)?(付|转|给|收到|到账|退)|(有人|别人|他|她|他们|朋友|@)\s*(已经|刚|刚刚)?(给我|向我)?\s*(转|付|打|汇)(了|过)/,
);

const HOW_OR_WHY = either(
  /\bhow\s+(do|does|can|could|should|would|to|did|come)\b|\bhow\s+(i|we)\s+(can|could|should)\b|(^|\s)why\b|\bwhat\s+(happens|if)\b/,
  /怎么|怎样|如何|为什么|为啥|为何/,
);

const MAY_I = either(
  /\b(can|could|may)\s+(i|we)\s+((still|also|just)\s+)?(pay|send|transfer|request|refund)\b/,
  /我(能|可以|能不能|可不可以).{0,2}(付|转|收款|退款)|^(?!.*(帮我|帮忙|请|麻烦|给我)).*(吗|么)\s*(\?\s*)?$/,
);

/** A payment said not to have been made; “not yet” still means to make it (“I didn't send it yet”). */
const DENIED = either(
  /\b(i|we)\s+(didnt|did not|never|havent|have not)\s+((even|actually|really)\s+)?(pay|paid|send|sent|request|requested|transfer|transferred|confirm|confirmed|charge|charged|refund|refunded)\b(?!.*\byet\b)/,
  /(?<!还)(没|没有|从没|并没有?)(付|转|支付|付款|转账|收款|确认|退)/,
);

const QUESTION = /\?|\b(can|could|may|should)\s+(i|we)\b|吗|么|呢/;
