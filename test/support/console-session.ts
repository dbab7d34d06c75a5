import { afterAll, beforeAll } from 'vitest';
import { createConsoleAdapter, type ConsoleAdapter } from '../../bot/console/console-adapter.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import { manualClock, openTestWallet, type TestWallet } from './test-database.js';
import { cny, expectCleanLedger, freshKey } from './wallet-fixtures.js';

export interface ConsoleSession {
  t: TestWallet;
  clock: ReturnType<typeof manualClock>;
  /**
   * Types a transcript (indentation ignored) and returns what the bot printed for it. `{code}` is
   * the writer's current authenticator code (the clock moves a step first), `!{Pay}` presses the
   * newest button whose label starts with “Pay”.
   */
  play(script: string): Promise<string>;
  /** Registers and enrolls people through the chat; the first gets `fund` CNY straight on the ledger. */
  onboard(names: string[], fund?: number): Promise<void>;
  /** What the console user holds in a currency, in minor units. */
  balance(name: string, currency?: string): Promise<bigint>;
}

const ENROLLMENT = /otpauth:\/\/totp\/OKPay:([A-Za-z0-9_]+)\?secret=([A-Z2-7]+)/;

/**
 * One wallet and one console for a whole test file (opening a database is slow); tests keep
 * apart by using people of their own. The ledger is checked at the end.
 */
export function consoleSession(): ConsoleSession {
  const session = {} as ConsoleSession;
  const secrets = new Map<string, string>();
  const buttons: { label: string; id: string }[] = [];
  let printed: string[] = [];
  let adapter: ConsoleAdapter;
  beforeAll(async () => {
    session.clock = manualClock();
    session.t = await openTestWallet({ clock: session.clock });
    adapter = createConsoleAdapter({ wallet: session.t.wallet, store: createAdapterStore(session.t.database.db) }, (line) => {
      printed.push(line);
      const enrolled = ENROLLMENT.exec(line);
      if (enrolled) secrets.set(enrolled[1]!, enrolled[2]!);
      for (const b of line.matchAll(/\[([^\]]+)\]\((b\d+)\)/g)) buttons.push({ label: b[1]!, id: b[2]! });
    });
  });
  afterAll(async () => {
    await expectCleanLedger(session.t.wallet);
    await session.t.close();
  });
  session.play = async (script) => {
    printed = [];
    for (const raw of script.trim().split('\n').map((l) => l.trim())) {
      let line = raw.replace(/!\{([^}]+)\}/, (_, label: string) => `!${buttons.findLast((b) => b.label.startsWith(label))?.id ?? 'b0'}`);
      if (line.includes('{code}')) {
        session.clock.advance(30_000);
        const secret = secrets.get(line.split(/[#:]/)[0]!.toLowerCase());
        line = line.replace('{code}', secret ? codeAt(secret, session.clock.now()) : '000000');
      }
      await adapter.handleLine(line);
    }
    return printed.join('\n');
  };
  session.onboard = async (names, fund = 1000) => {
    await session.play(names.map((name) => `${name}: /start\n${name}: {code}`).join('\n'));
    const payer = await session.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: names[0]! });
    await session.t.moves.deposit({ key: freshKey('fund'), userId: payer!.id, amount: cny(fund) });
  };
  session.balance = async (name, currency = 'CNY') => {
    const user = await session.t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name });
    return (await session.t.wallet.balances(user!.id)).find((m) => m.currency === currency)?.minor ?? 0n;
  };
  return session;
}
