import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter, type ConsoleAdapter } from '../../bot/console/console-adapter.js';
import { parseMessage } from '../../bot/intents/parse.js';
import { MAX_MEMO_LENGTH } from '../../core/ledger/move-money.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { manualClock, openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, expectCleanLedger, fund } from '../support/wallet-fixtures.js';

let t: TestWallet;
const clock = manualClock();
let alice: Person;
let adapter: ConsoleAdapter;
let printed: string[] = [];

beforeAll(async () => {
  t = await openTestWallet({ clock });
  alice = await enrolledPerson(t, clock, 'alice');
  await enrolledPerson(t, clock, 'bob');
  await fund(t, alice.user, cny(1000));
  // memos in any script would otherwise switch her replies to the language they are written in
  await t.wallet.chooseLocale(alice.user.id, 'en');
  adapter = createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db) }, (line) => printed.push(line));
});
afterAll(async () => {
  await expectCleanLedger(t.wallet);
  await t.close();
});

const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Types a line as alice and returns what the bot printed for it. */
async function type(line: string): Promise<string> {
  printed = [];
  await adapter.handleLine(`alice: ${line}`);
  return printed.join('\n');
}

/** Sends 0.01 CNY to bob with the memo; confirms if asked. Returns the stored memo, or the refusal. */
async function sendWithMemo(memo: string): Promise<{ stored?: string; answer: string }> {
  const answer = await type(`send 0.01 to @bob ${memo}`);
  expect(answer).not.toMatch(/something went wrong/);
  const pending = await t.wallet.pendingChallenge(alice.identity);
  if (!pending) return { answer };
  clock.advance(30_000);
  const receipt = await type(codeAt(alice.secret, clock.now()));
  expect(receipt).toContain('Sent CN¥0.01 to @bob.');
  const page = await t.wallet.history({ userId: alice.user.id, limit: 1 });
  return { stored: page.ok ? page.value.items[0]?.memo : undefined, answer };
}

/** A word the parser keeps as memo text: any Unicode letters, marks, symbols and emoji, astral included. */
const isMemoWord = (w: string) =>
  /^[\p{L}\p{M}\p{So}\p{Pc}\p{Pd}\p{Po}]+$/u.test(w) &&
  !/[@#\d\uff0c\uff0e\uff10-\uff19]/u.test(w) &&
  (parseMessage(`send 0.01 to @bob ${w}`) as { memo?: string }).memo === w;
const memoWord = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter(isMemoWord);

/** Memos of words around the 200-character limit, often with an emoji across it. */
const memoNearLimit = fc
  .tuple(fc.array(memoWord, { minLength: 1, maxLength: 40 }), fc.integer({ min: 180, max: 215 }), fc.constantFrom('🎉', '𝄞', '한', 'é', '🇨🇳'))
  .map(([words, target, tail]) => {
    let memo = words.join(' ');
    while ([...memo].length < target) memo += ` ${words[0]}`;
    return `${[...memo].slice(0, target).join('').trim()}${tail}`;
  })
  // the tail may join the last word: the result must still be a plain word
  .filter((memo) => memo.split(' ').every(isMemoWord));

describe('memos through parse, handle and store', () => {
  it('stores exactly what was typed, or answers that the note is too long', async () => {
    await fc.assert(
      fc.asyncProperty(memoNearLimit, async (memo) => {
        const { stored, answer } = await sendWithMemo(memo);
        if ([...memo].length > MAX_MEMO_LENGTH) expect(answer).toContain('The note is too long (at most 200 characters).');
        else expect(stored).toBe(memo);
      }),
      { numRuns: 40, examples: [[`${'a'.repeat(199)}🎉`], [`${'a'.repeat(200)}🎉`], [`${'x'.repeat(198)} 🎉`]] },
    );
  });

  it('never fails and stores only well-formed text, whatever arrives (lone surrogates, controls, any script)', async () => {
    const anything = fc.string({
      unit: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        fc.constantFrom('\u0000', '\u200b', '\u202e', '\ufeff', ' ', '🎉'),
      ),
      maxLength: 260,
    });
    await fc.assert(
      fc.asyncProperty(anything, async (memo) => {
        const { stored } = await sendWithMemo(memo);
        if (stored !== undefined) {
          expect(isWellFormed(stored)).toBe(true);
          expect(stored).not.toContain('\u0000');
        }
        await type('/cancel');
      }),
      { numRuns: 60, examples: [['tea \ud83c'], ['\udc00'], ['a\u0000b']] },
    );
  });
});
