import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import { decodeNotice } from '../../core/notices/index.js';
import type { Database } from '../../db/connect.js';
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/event-types.js';
import { openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';

const folder = new URL('./', import.meta.url);
const scripts = readdirSync(folder)
  .filter((name) => name.endsWith('.sql') && name !== 'fixtures.sql')
  .sort();

/** Runs a script statement by statement (split like the migrations), naming the one that failed. */
async function runScript(database: Database, name: string): Promise<void> {
  const statements = readFileSync(new URL(name, folder), 'utf8').split('--> statement-breakpoint');
  for (const [index, statement] of statements.entries()) {
    try {
      await database.query(sql.raw(statement));
    } catch (error) {
      // drizzle wraps the database's error (the failed ASSERT's message) as the cause
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : String(error);
      throw new Error(`${name}, statement ${index + 1}: ${reason}`);
    }
  }
}

/**
 * Every dotted string literal in the ledger's installed okpay_ functions, with a `'prefix.' ||
 * status` concatenation expanded over the statuses a wallet can refuse with.
 */
async function codesWrittenInSql(database: Database): Promise<Set<string>> {
  const functions = await database.query<{ source: string }>(sql`
    select p.prosrc as source from pg_proc p
     where p.pronamespace = 'public'::regnamespace and p.proname like 'okpay\_%'`);
  const [constraint] = await database.query<{ definition: string }>(sql`
    select pg_get_constraintdef(c.oid) as definition from pg_constraint c where c.conname = 'users_status_valid'`);
  const refusable = [...(constraint?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).filter((s) => s !== 'active');
  const codes = new Set<string>();
  for (const { source } of functions) {
    for (const [, literal, concatenated] of source.matchAll(/'([a-z_]+\.[a-z_]*)'(\s*\|\|)?/g)) {
      if (!literal) continue;
      if (literal.endsWith('.') && concatenated) for (const status of refusable) codes.add(literal + status);
      else codes.add(literal);
    }
  }
  return codes;
}

describe('the ledger in SQL', () => {
  let t: TestWallet;

  beforeAll(async () => {
    t = await openTestWallet();
    await runScript(t.database, 'fixtures.sql');
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(scripts)('%s', async (name) => {
    await runScript(t.database, name);
  });

  it('writes only error codes of the core table (and notice kinds of the core’s union, for the claim functions’ outbox rows)', async () => {
    const codes = await codesWrittenInSql(t.database);
    expect(codes).toContain('transfer.insufficient_funds');
    expect(codes).toContain('account.frozen');
    const noticeKind = (kind: string) => {
      const decoded = decodeNotice({ kind, params: {} });
      return decoded.ok || !decoded.problem.startsWith('unknown notice kind');
    };
    expect(noticeKind('claim.claimed')).toBe(true);
    expect(noticeKind('claim.teleported')).toBe(false);
    const eventType = (code: string) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(code);
    expect([...codes].filter((code) => !(ERROR_CODES as readonly string[]).includes(code) && !noticeKind(code) && !eventType(code))).toEqual([]);
  });

  it.skipIf(!serverUrl)('parks a credit to a payee whose row is busy instead of waiting, and folds it later', async () => {
    const { database } = t;
    const [ids] = await database.query<{ payer: string; shop: string }>(sql`
      select okpay_test.wallet() as payer, okpay_test.wallet() as shop`);
    const payer = BigInt(ids!.payer);
    const shop = BigInt(ids!.shop);
    await database.query(sql`select okpay_test.fund(${payer}, 100), okpay_test.fund(${shop}, 10)`);
    const pay = (key: string, from: bigint, to: bigint, amount: number) =>
      database.query<{ error_code: string | null; debited_balance: unknown }>(
        sql`select * from okpay_test.post(${key}, ${from}, ${to}, ${amount})`,
      );

    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from accounts where user_id = ${shop} for no key update`);
      // on another connection of the pool: it must finish while the shop's row stays locked here
      const paid = await Promise.race([
        pay('parking-1', payer, shop, 30),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the credit waited for the busy row')), 5000)),
      ]);
      expect(paid[0]?.error_code).toBeNull();
    });

    const [state] = await database.query<{ applied: unknown; total: unknown; parked: unknown }>(sql`
      select okpay_test.applied(${shop}) as applied, okpay_test.balance(${shop}) as total,
             (select count(*) from pending_deltas p join accounts a on a.id = p.account_id where a.user_id = ${shop}) as parked`);
    expect([Number(state!.applied), Number(state!.total), Number(state!.parked)]).toEqual([10, 40, 1]);

    const [spent] = await pay('parking-2', shop, payer, 35);
    expect(spent?.error_code).toBeNull();
    expect(Number(spent?.debited_balance)).toBe(5);
    const [after] = await database.query<{ parked: unknown; unstamped: unknown }>(sql`
      select (select count(*) from pending_deltas p join accounts a on a.id = p.account_id where a.user_id = ${shop}) as parked,
             (select count(*) from entries e where e.user_id = ${shop} and e.balance_after is null) as unstamped`);
    expect([Number(after!.parked), Number(after!.unstamped)]).toEqual([0, 0]);
  });

  it('leaves the books clean', async () => {
    expect(await t.store.ledger.checkLedger()).toEqual([]);
  });
});
