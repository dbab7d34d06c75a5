import { z } from 'zod';
import type { CurrencyCode } from '../../core/money/index.js';
import type { ChatPlace } from '../../core/ports/index.js';
import { currencyWord } from '../intents/amount.js';
import { intentSchema, type Intent } from '../intents/intent.js';
import { parseAnswer, validated } from '../intents/parse.js';
import type { Text } from '../i18n/i18n.js';
import { sayToAll, text, type Reply } from '../replies/reply.js';
import type { Conversation } from './conversation.js';

/** What a question asks for, by the intent field its answer fills (`currency` completes `amountIssue`). */
const SLOTS = ['to', 'user', 'amount', 'currency', 'ref', 'locale', 'platform', 'ticket', 'message'] as const;
type Slot = (typeof SLOTS)[number];

/** A question as stored: the intent still missing a part, the part, and the question's words. */
const questionSchema = z.object({
  intent: intentSchema,
  asked: z.enum(SLOTS),
  question: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});
type Question = z.infer<typeof questionSchema>;

/** The person in the chat a message came from: where questions wait and misreadings are counted. */
export const placeOf = (c: Conversation): ChatPlace => ({ ...c.actor.identity, chatId: c.chatId });

/** Asks for one missing part and remembers the question, so the person's next message here can answer it. */
export async function ask(c: Conversation, intent: Intent, asked: Slot, question: Text): Promise<Reply[]> {
  await c.wallet.askLater(placeOf(c), { intent, asked, question });
  return [sayToAll(question)];
}

/** Forgets the question waiting in this chat, because a new command replaces it; true if there was one. */
export function forgetQuestion(c: Conversation): Promise<boolean> {
  return c.wallet.forgetQuestion(placeOf(c), c.key);
}

/**
 * A message that is no command, read as the answer to the question waiting in this chat: the
 * intent with the part filled in (then handled as if typed whole), the question again if the
 * message does not answer it, or undefined if nothing is waiting.
 */
export async function answerTo(c: Conversation, message: string): Promise<Intent | Reply[] | undefined> {
  const stored = questionSchema.safeParse(await c.wallet.openQuestion(placeOf(c), c.key));
  if (!stored.success) return undefined;
  return merge(stored.data, message) ?? [sayToAll(text('ask.not_an_answer'), stored.data.question)];
}

/**
 * A message that reads as a command of its own but continues the question waiting here: a question
 * for a message to or from support takes the next message whole, whatever words it holds (“my
 * transfer is wrong” is what to tell support, not a transfer; an operator's “press Freeze on its
 * alert” is an answer to send, not a freeze of the operator — a user's report of theft to support
 * still freezes, in the support handler); and a command of the same kind that only fills the part
 * asked for (“To whom?” → `send to @bob`) completes the waiting one instead of losing what it held. A
 * slash command, or one that changes a part already given, replaces the question.
 */
export async function continuation(c: Conversation, message: string, parsed: Intent): Promise<Intent | undefined> {
  if (/^\s*\//.test(message)) return undefined;
  const stored = questionSchema.safeParse(await c.wallet.openQuestion(placeOf(c), c.key));
  if (!stored.success) return undefined;
  return stored.data.asked === 'message' || stored.data.intent.kind === parsed.kind ? merge(stored.data, message) : undefined;
}

type Fields = Record<string, unknown>;
/** The amount and what was unclear about it are one part of an intent: both come from the same words. */
const MONEY = ['amount', 'amountIssue'];
const given = (intent: Fields, fields: string[]) => fields.some((f) => intent[f] !== undefined);
const valuesOf = (intent: Fields, fields: string[]) => JSON.stringify(fields.map((f) => intent[f]));
const distinct = (currencies: (CurrencyCode | undefined)[]) => [...new Set(currencies.filter((x): x is CurrencyCode => x !== undefined))];

/** An amount answer joined with the currencies written before; two different ones become the question “which”. */
function fillAmount(merged: Fields, answer: Extract<Intent, { kind: 'send' }>, earlier: CurrencyCode[]): boolean {
  delete merged.amount;
  delete merged.amountIssue;
  if (answer.amount) {
    const options = distinct([...earlier, answer.amount.currency]);
    if (options.length > 1) merged.amountIssue = { reason: 'which_currency', decimal: answer.amount.decimal, options };
    else merged.amount = { decimal: answer.amount.decimal, ...(options[0] ? { currency: options[0] } : {}) };
    return true;
  }
  const issue = answer.amountIssue;
  if (!issue) return false;
  merged.amountIssue = issue.reason === 'unclear' ? { reason: 'unclear', currencies: distinct([...earlier, ...(issue.currencies ?? [])]) } : issue;
  return true;
}

/** Puts the asked part of the answer into the waiting intent; false if the answer does not hold it. */
function fill(merged: Fields, answer: Fields, { intent, asked }: Question, message: string): boolean {
  const issue = 'amountIssue' in intent ? intent.amountIssue : undefined;
  const money = answer as Extract<Intent, { kind: 'send' }>;
  if (asked === 'amount') return fillAmount(merged, money, issue?.reason === 'unclear' ? (issue.currencies ?? []) : []);
  if (asked === 'currency') {
    if (issue?.reason !== 'which_currency') return false;
    const chosen = currencyWord(message.trim().replace(/[.!。！]+$/, ''));
    if (chosen && issue.options.includes(chosen)) return fillAmount(merged, { kind: 'send', amount: { decimal: issue.decimal, currency: chosen } }, []);
    return money.amount?.currency || money.amountIssue?.reason === 'unsupported_currency' ? fillAmount(merged, money, []) : false;
  }
  if (answer.unreadableHandle !== undefined) merged.unreadableHandle = answer.unreadableHandle;
  else if (answer[asked] !== undefined) merged[asked] = answer[asked];
  else return false;
  return true;
}

/**
 * The waiting intent completed by the answer. The answer may also bring other missing parts
 * (`@bob 5` to “To whom?”), but never a different value for a part already given: that is not
 * an answer, and the question is asked again rather than guessing which one was meant.
 */
function merge(question: Question, message: string): Intent | undefined {
  // a message for a person is taken whole, as written: no part of it is read as a command's part
  if (question.asked === 'message') return validated({ ...question.intent, message: message.trim() || undefined } as Fields as { kind: string });
  const answer = parseAnswer(question.intent.kind, message) as Fields;
  if (answer.kind !== question.intent.kind) return undefined;
  const merged: Fields = { ...question.intent };
  if (!fill(merged, answer, question, message)) return undefined;
  const moneyAsked = question.asked === 'amount' || question.asked === 'currency';
  const askedFields = moneyAsked ? MONEY : [question.asked, 'unreadableHandle'];
  const others = Object.keys(answer).filter((f) => f !== 'kind' && !askedFields.includes(f) && !MONEY.includes(f)).map((f) => [f]);
  for (const fields of moneyAsked ? others : [MONEY, ...others]) {
    if (!given(answer, fields)) continue;
    if (!given(merged, fields)) for (const f of fields) merged[f] = answer[f];
    else if (valuesOf(merged, fields) !== valuesOf(answer, fields)) return undefined;
  }
  return validated(merged as { kind: string });
}
