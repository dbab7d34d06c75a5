import { afterEach, beforeEach } from 'vitest';
import { playScript } from '../../bot/console/script-player.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from './test-database.js';
import { expectCleanLedger } from './wallet-fixtures.js';

export interface TranscriptWallet {
  /** The test's wallet and clock, fresh for every test. */
  readonly t: TestWallet;
  readonly clock: ReturnType<typeof manualClock>;
  /** Plays a console transcript (indentation ignored; `{code}`, `!{Pay}` and `# wait 301s` as in `npm run demo`) and returns what was printed. */
  play(script: string): Promise<string>;
  /** What the console user holds in a currency, in minor units. */
  balance(name: string, currency?: string): Promise<bigint>;
}

/**
 * A fresh wallet per test with the console user `ops` as its operator, for transcript tests
 * through the script player; the ledger is checked after each test.
 */
export function transcriptWallet(): TranscriptWallet {
  let t: TestWallet;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    t = await openTestWallet({ clock, operators: [{ platform: 'console', platformUserId: 'ops' }] });
  });
  afterEach(async () => {
    await expectCleanLedger(t.wallet);
    await t.close();
  });
  return {
    get t() {
      return t;
    },
    get clock() {
      return clock;
    },
    async play(script) {
      const lines = script.trim().split('\n').map((l) => l.trim()).join('\n');
      return (await playScript({ wallet: t.wallet, store: createAdapterStore(t.database.db) }, clock, lines)).join('\n');
    },
    async balance(name, currency = 'CNY') {
      const user = await t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name });
      return (await t.wallet.balances(user!.id)).find((m) => m.currency === currency)?.minor ?? 0n;
    },
  };
}

/** The opening of most transcripts: alice, bob and the operator ops enrolled, then the operator's deposits to alice (`'100 CNY'`). */
export function onboarding(...deposits: string[]): string {
  const enrolled = ['alice', 'bob', 'ops'].map((name) => `${name}: /start\n${name}: {code}`);
  return [...enrolled, ...deposits.map((amount) => `ops: /deposit @alice ${amount}\nops: {code}`)].join('\n');
}
