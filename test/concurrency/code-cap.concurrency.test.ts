import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../core/security/totp.js';
import type { IdentityRef } from '../../core/ports/index.js';
import { manualClock, openTestWallet, serverUrl, type TestWallet } from '../support/test-database.js';
import { actor, enrolledPerson, type Person } from '../support/confirmation-fixtures.js';
import { freshKey, unwrap } from '../support/wallet-fixtures.js';

const CHALLENGES = 7;
const WRONG = 24;

/**
 * Every code failure and every accepted code is logged by a trigger, with how many failures of
 * that wallet were committed when the acceptance ran: the order the database really saw, which
 * the test cannot learn from the answers alone (the store may prune or keep failures as it likes).
 */
async function recordOrder(t: TestWallet): Promise<void> {
  await t.database.query(sql.raw(`
    create table test_failure_log (user_id bigint not null);
    create table test_accept_log (user_id bigint not null, failures_before bigint not null);
    create function test_log_failure() returns trigger language plpgsql as $$
      begin insert into test_failure_log values (new.user_id); return new; end $$;
    create function test_log_accept() returns trigger language plpgsql as $$
      begin
        insert into test_accept_log
          select new.user_id, (select count(*) from test_failure_log f where f.user_id = new.user_id);
        return new;
      end $$;
    create trigger test_failure after insert on code_failures for each row execute function test_log_failure();
    create trigger test_step after update of last_step on authenticators for each row
      when (old.status = 'active' and new.last_step > old.last_step) execute function test_log_accept();
    create trigger test_recovery after update of used_at on recovery_codes for each row
      when (old.used_at is null and new.used_at is not null) execute function test_log_accept();`));
}

/** A six-digit code the authenticator shows at no step the wallet would accept now. */
function wrongCode(secret: string, now: Date): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => codeAt(secret, new Date(now.getTime() + d))));
  for (let n = 0; ; n++) {
    const candidate = String(n * 7919).padStart(6, '0').slice(-6);
    if (!valid.has(candidate)) return candidate;
  }
}

/** Describes how the hourly cap treated one attempt on the server. */
describe.skipIf(!serverUrl)('the per-wallet code cap under concurrent codes', () => {
  const clock = manualClock();
  let t: TestWallet;

  beforeAll(async () => {
    t = await openTestWallet({ clock, poolSize: 30 });
    await recordOrder(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A wallet with several challenges open at once: one per identity redeeming its link code. */
  async function victimWithChallenges(name: string): Promise<{ owner: Person; origins: IdentityRef[] }> {
    const owner = await enrolledPerson(t, clock, name);
    const { code } = unwrap(await t.wallet.createLinkCode({ key: freshKey(), actor: await actor(t, owner) }));
    const origins = Array.from({ length: CHALLENGES }, (_, i) => ({ platform: 'telegram' as const, platformUserId: `${name}-${i}` }));
    for (const identity of origins) unwrap(await t.wallet.redeemLinkCode({ key: freshKey(), identity, code }));
    return { owner, origins };
  }

  function attempt(identity: IdentityRef, code: string) {
    return t.wallet.confirm({ key: freshKey('confirm'), identity, code, label: 'x' }).then((r) => (r.ok ? 'ok' : r.error.code));
  }

  async function failuresOf(owner: Person) {
    const [row] = await t.database.query<{ logged: unknown; kept: unknown }>(sql`
      select (select count(*) from test_failure_log where user_id = ${BigInt(owner.user.id)}) as logged,
             (select count(*) from code_failures where user_id = ${BigInt(owner.user.id)}) as kept`);
    return { logged: Number(row!.logged), kept: Number(row!.kept) };
  }

  async function acceptedAfter(owner: Person): Promise<number[]> {
    const rows = await t.database.query<{ failures_before: unknown }>(
      sql`select failures_before from test_accept_log where user_id = ${BigInt(owner.user.id)}`,
    );
    return rows.map((r) => Number(r.failures_before));
  }

  it('refuses a correct code sent after 24 wrong ones fired at once on several challenges', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const { owner, origins } = await victimWithChallenges(`after-${trial}`);
      const wrong = wrongCode(owner.secret, clock.now());
      const answers = await Promise.all(Array.from({ length: WRONG }, (_, i) => attempt(origins[i % CHALLENGES]!, wrong)));
      const correct = trial === 1 ? owner.recoveryCodes[0]! : codeAt(owner.secret, clock.now());
      expect(await attempt(origins[0]!, correct)).toBe('code.blocked');
      expect(answers.filter((a) => a === 'code.invalid')).toHaveLength(10);
      expect(answers.filter((a) => a === 'code.blocked')).toHaveLength(WRONG - 10);
      expect(await acceptedAfter(owner)).toEqual([]);
      expect(await failuresOf(owner)).toEqual({ logged: 11, kept: 11 });
      const alerts = (await t.wallet.notificationsOf(owner.user.id, 50)).filter((n) => n.notice.kind === 'security.confirmations_blocked');
      expect(alerts).toHaveLength(1);
      clock.advance(30_000);
    }
  });

  /** Resolves once `count` failures of the wallet were committed, or when `settled` has. */
  async function whenLogged(owner: Person, count: number, settled: Promise<unknown>): Promise<void> {
    let done = false;
    void settled.then(() => (done = true));
    while (!done && (await failuresOf(owner)).logged < count) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  it('a correct code racing wrong ones is accepted only while at most 10 were recorded before it', async () => {
    // how many failures to wait for before firing the correct code; -1: fire it first
    const thresholds = [-1, 0, 6, 9, 10, 11];
    for (const [trial, threshold] of thresholds.entries()) {
      const { owner, origins } = await victimWithChallenges(`race-${trial}`);
      const wrong = wrongCode(owner.secret, clock.now());
      const correct = trial % 2 === 1 ? owner.recoveryCodes[0]! : codeAt(owner.secret, clock.now());
      const early = threshold < 0 ? attempt(origins[0]!, correct) : undefined;
      const wrongOnes = Promise.all(Array.from({ length: WRONG }, (_, i) => attempt(origins[(i % (CHALLENGES - 1)) + 1]!, wrong)));
      await whenLogged(owner, threshold, wrongOnes);
      const [answer] = await Promise.all([early ?? attempt(origins[0]!, correct), wrongOnes]);
      const accepted = await acceptedAfter(owner);
      if (answer === 'ok') {
        expect(accepted).toHaveLength(1);
        expect(accepted[0]).toBeLessThanOrEqual(10);
      } else {
        expect(answer).toBe('code.blocked');
        expect(accepted).toEqual([]);
      }
      if (threshold > 10) expect(answer).toBe('code.blocked');
      expect(await failuresOf(owner)).toEqual({ logged: 11, kept: 11 });
      clock.advance(30_000);
    }
  });
});
