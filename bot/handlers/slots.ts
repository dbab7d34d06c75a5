import type { Outcome } from '../../core/errors.js';
import { checkMemo } from '../../core/ledger/move-money.js';
import { parseAmount, type Money } from '../../core/money/index.js';
import type { TypedAmount } from '../intents/amount.js';
import type { AmountIssue, Intent } from '../intents/intent.js';
import { text, type Reply } from '../replies/reply.js';
import { errorReply, unreadableHandleReply, type Conversation } from './conversation.js';
import { ask } from './follow-up.js';

/** The intents that carry an amount. */
type MoneyIntent = Extract<Intent, { kind: 'send' | 'request' | 'refund' | 'deposit' | 'withdraw' | 'cheque' }>;

/** The parts of an intent that name people and money, as the parser read them. */
export interface Slots {
  unreadableHandle?: string;
  amount?: TypedAmount;
  amountIssue?: AmountIssue;
  memo?: string;
}

/** Currency defaults to CNY when none is named: the wallet's home currency, stated in every prompt. */
export function amountOf(typed: TypedAmount, fallback = 'CNY'): Outcome<Money> {
  return parseAmount(typed.decimal, typed.currency ?? fallback);
}

/**
 * What was written but cannot be used, answered before any question is asked: a mention that is
 * not a whole handle, a currency the wallet does not hold, an amount that is not a positive
 * decimal, a memo over the limit. Nothing is guessed around it.
 */
export function refusalOf(c: Conversation, slots: Slots, fallback = 'CNY'): Reply | undefined {
  if (slots.unreadableHandle) return unreadableHandleReply(slots.unreadableHandle);
  if (slots.amountIssue?.reason === 'unsupported_currency') {
    return errorReply({ code: 'money.unsupported_currency', params: { currency: slots.amountIssue.written } }, c);
  }
  const amount = slots.amount && amountOf(slots.amount, fallback);
  if (amount && !amount.ok) return errorReply(amount.error, c);
  // before asking which currency, a number that is no amount in any currency (-5, 1.2.3) is refused
  const candidate = slots.amountIssue?.reason === 'which_currency' ? amountOf({ decimal: slots.amountIssue.decimal }) : undefined;
  if (candidate && !candidate.ok && ['money.not_positive', 'money.invalid_amount'].includes(candidate.error.code)) return errorReply(candidate.error, c);
  const memo = checkMemo(slots.memo);
  return memo.ok ? undefined : errorReply(memo.error, c);
}

/**
 * The exact amount, or the question that stands in for a guess — how much (in the currency
 * written, if one was), or which currency — remembered so the next message can answer it.
 */
export async function amountOrAsk(c: Conversation, intent: MoneyIntent, fallback = 'CNY'): Promise<Money | Reply[]> {
  const issue = intent.amountIssue;
  if (issue?.reason === 'which_currency') return ask(c, intent, 'currency', text('ask.currency', { amount: issue.decimal, options: issue.options.join(' / ') }));
  if (!intent.amount) {
    const [only, ...more] = issue?.reason === 'unclear' ? (issue.currencies ?? []) : [];
    return ask(c, intent, 'amount', only && more.length === 0 ? text('ask.amount_in', { currency: only }) : text('ask.amount'));
  }
  const amount = amountOf(intent.amount, fallback);
  return amount.ok ? amount.value : [errorReply(amount.error, c)];
}
