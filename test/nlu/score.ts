import type { Intent } from '../../bot/intents/intent.js';

/** One labelled utterance: what a person wrote, what they meant, and for money intents the exact slots. */
export interface Utterance {
  text: string;
  intent: string;
  /** For money and reference intents: each slot written, exactly; a slot left out must be absent. */
  slots?: Slots;
}

export interface Slots {
  amount?: string;
  currency?: string;
  to?: string;
  ref?: string;
}

export const MONEY_INTENTS = ['send', 'request', 'refund', 'ask_refund', 'pay'];

export interface Miss {
  text: string;
  expected: string;
  got: string;
  expectedSlots?: Slots;
  gotSlots?: Slots;
}

export interface Score {
  total: number;
  correct: number;
  perIntent: Record<string, { total: number; correct: number }>;
  freeze: { labelled: number; found: number; missed: Miss[]; falseFreezes: Miss[]; missedAs: Record<string, number>; falseFrom: Record<string, number> };
  slots: { checked: number; exact: number; wrong: Miss[] };
  misses: Miss[];
}

/** The slots an intent holds, in the corpus's terms (a request's payer is `to`); only those present. */
export function slotsOf(intent: Intent): Slots {
  const fields = intent as { amount?: { decimal: string; currency?: string }; to?: string; payer?: string; ref?: string };
  const slots: Slots = {};
  if (fields.amount) slots.amount = fields.amount.decimal;
  if (fields.amount?.currency) slots.currency = fields.amount.currency;
  const to = fields.to ?? fields.payer;
  if (to) slots.to = to;
  if (fields.ref) slots.ref = fields.ref;
  return slots;
}

const sameSlots = (a: Slots, b: Slots) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Scores a parser against labelled utterances: accuracy overall and per intent, freeze recall and
 * false freezes with what they were confused with, and whether every money intent's slots are
 * exactly those written (checked where the intent was right; a wrong intent already counts).
 */
export function score(corpus: Utterance[], parse: (text: string) => Intent): Score {
  const result: Score = {
    total: corpus.length,
    correct: 0,
    perIntent: {},
    freeze: { labelled: 0, found: 0, missed: [], falseFreezes: [], missedAs: {}, falseFrom: {} },
    slots: { checked: 0, exact: 0, wrong: [] },
    misses: [],
  };
  for (const u of corpus) {
    const intent = parse(u.text);
    const got = intent.kind;
    const row = (result.perIntent[u.intent] ??= { total: 0, correct: 0 });
    row.total++;
    const miss: Miss = { text: u.text, expected: u.intent, got };
    if (u.intent === 'freeze') {
      result.freeze.labelled++;
      if (got === 'freeze') result.freeze.found++;
      else {
        result.freeze.missed.push(miss);
        bump(result.freeze.missedAs, got);
      }
    } else if (got === 'freeze') {
      result.freeze.falseFreezes.push(miss);
      bump(result.freeze.falseFrom, u.intent);
    }
    let right = got === u.intent;
    if (right && MONEY_INTENTS.includes(u.intent)) {
      result.slots.checked++;
      const gotSlots = slotsOf(intent);
      if (sameSlots(gotSlots, u.slots ?? {})) result.slots.exact++;
      else {
        right = false;
        result.slots.wrong.push({ ...miss, expectedSlots: u.slots ?? {}, gotSlots });
      }
    }
    if (right) {
      result.correct++;
      row.correct++;
    } else if (got !== u.intent) result.misses.push(miss);
  }
  return result;
}

/** Messages that name freezing or a lost account in some way: those labelled otherwise are the “must not freeze” set. */
export const MENTIONS_FREEZE = /freez|froze|lock|block|stol|hack|冻|锁|盗|不是我|被黑/i;
