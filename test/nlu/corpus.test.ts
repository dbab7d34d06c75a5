import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../bot/intents/parse.js';
import { loadCorpus } from './corpus.js';
import { MENTIONS_FREEZE, MONEY_INTENTS, score } from './score.js';

const en = loadCorpus('en');
const zh = loadCorpus('zh');
const corpus = [...en, ...zh];
const result = score(corpus, parseMessage);

describe('the labelled corpus (npm run nlu:eval prints the same figures)', () => {
  it('is large enough in both languages, so it cannot quietly shrink', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(Math.min(en.length, zh.length)).toBeGreaterThanOrEqual(280);
    for (const [intent, row] of Object.entries(result.perIntent)) expect(row.total, intent).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((u) => u.intent === 'freeze').length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((u) => u.intent !== 'freeze' && MENTIONS_FREEZE.test(u.text)).length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((u) => u.intent === 'unknown').length).toBeGreaterThanOrEqual(50);
  });

  it('labels slots on every money intent and only there', () => {
    for (const u of corpus) expect(u.slots !== undefined, u.text).toBe(MONEY_INTENTS.includes(u.intent));
  });

  it('is read at least 97 % right overall', () => {
    const misread = result.misses.map((m) => `${m.text} → ${m.got} (${m.expected})`).join('\n');
    expect(result.correct / result.total, misread).toBeGreaterThanOrEqual(0.97);
  });

  it('finds every freeze and invents none', () => {
    expect(result.freeze.missed).toEqual([]);
    expect(result.freeze.falseFreezes).toEqual([]);
  });

  it('reads every money intent’s amount, currency, recipient and reference exactly', () => {
    expect(result.slots.wrong).toEqual([]);
  });
});
