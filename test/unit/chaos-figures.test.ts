import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../chaos/figures.js';
import type { NoticeOutcome, PaymentOutcome, SentMessage } from '../../chaos/outcomes.js';

const user = (telegramId: number) => ({ telegramId, userId: String(telegramId), secret: 'S', activationStep: 0n });
const message = (process: string): SentMessage => ({ process, method: 'sendMessage', body: {}, chatId: '1', text: 'Sent', at: 0, answered: true });

function outcome(effects: number, receipts: string[], otherAnswers: string[] = []): PaymentOutcome {
  return { payment: { payer: user(1), payee: user(2), minor: 1n, challengeId: '1' }, effects, receipts: receipts.map(message), otherAnswers: otherAnswers.map(message) };
}

const notice = (deliveries: number): NoticeOutcome => ({ userId: '1', kind: 'send.sent', deliveries });

/** The judge of `npm run chaos`: what counts as a duplicate, a loss and a doubled notice. */
describe('chaos figures', () => {
  it('passes one effect, one receipt and notices sent once', () => {
    const figures = figuresOf('x', [outcome(1, ['A'])], [notice(1)], { updatesSent: 2 });
    expect(figures.failures).toEqual([]);
    expect(figures).toMatchObject({ effects: 1, duplicates: 0, lost: 0, notices: { total: 1, once: 1, twice: 0, never: 0 } });
  });

  it('counts a receipt from the killed process plus one from its heir as a duplicate', () => {
    const figures = figuresOf('a', [outcome(1, ['A', 'B'])], [], { updatesSent: 2 });
    expect(figures.duplicates).toBe(1);
    expect(figures.failures).toEqual(['a: 1 payment(s) moved or answered twice']);
  });

  it('tells a payment that never moved from one moved but never receipted: both are lost', () => {
    const figures = figuresOf('a', [outcome(0, []), outcome(1, [])], [], { updatesSent: 2 });
    expect(figures).toMatchObject({ lost: 2, lostEffects: 1, lostAnswers: 1 });
  });

  it('fails on any answer that is no receipt, unless a fault allowed an apology before the retry', () => {
    expect(figuresOf('b', [outcome(1, ['A'], ['A'])], [], { updatesSent: 1 }).failures).toEqual(['b: 1 answer(s) that were no receipt']);
    expect(figuresOf('d', [outcome(1, ['A'], ['A'])], [], { updatesSent: 2, apologiesAllowed: true }).failures).toEqual([]);
  });

  it('fails on notices sent twice or never, a crashed process and a fault never recovered from', () => {
    const figures = figuresOf('c', [], [notice(2), notice(0), notice(1)], { updatesSent: 0, recoverySeconds: Number.POSITIVE_INFINITY, crashes: ['p1: TypeError'] });
    expect(figures.notices).toEqual({ total: 3, once: 1, twice: 1, never: 1 });
    expect(figures.failures).toEqual(['c: 1 notice(s) sent more than once', 'c: 1 notice(s) never sent', 'c: 1 app process(es) crashed', 'c: never recovered']);
  });
});
