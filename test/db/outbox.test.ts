import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWallet, type TestWallet } from '../support/test-database.js';
import { cny, consoleUser, fund, pendingNotices } from '../support/wallet-fixtures.js';

let t: TestWallet;
beforeAll(async () => {
  t = await openTestWallet();
});
afterAll(async () => {
  await t.close();
});

async function cursor(): Promise<bigint> {
  const [row] = await t.database.query<{ through: unknown }>(sql`select handled_through as through from outbox_cursors where platform = 'console'`);
  return BigInt(String(row?.through ?? -1));
}

describe('outbox delivery cursor', () => {
  it('moves past settled notices, stops at the oldest one still pending, and never past young ones', async () => {
    const ann = await consoleUser(t.wallet, 'ann');
    await fund(t, ann, cny(1));
    await fund(t, ann, cny(2));
    const [first, second] = await pendingNotices(t.wallet, 'console', 10);
    expect(await cursor()).toBe(0n);

    await t.database.query(sql`update notifications set created_at = now() - interval '1 hour'`);
    await t.wallet.markNotificationDelivered(first!.id, 'console');
    expect((await pendingNotices(t.wallet, 'console', 10)).map((n) => n.id)).toEqual([second!.id]);
    expect(await cursor()).toBe(BigInt(first!.id));

    await t.wallet.markNotificationDelivered(second!.id, 'console');
    await fund(t, ann, cny(3));
    const [third] = await pendingNotices(t.wallet, 'console', 10);
    expect(third).toBeDefined();
    expect(await cursor()).toBe(BigInt(second!.id));
    expect((await pendingNotices(t.wallet, 'console', 10)).map((n) => n.id)).toEqual([third!.id]);
  });

  it('does not move past a notice another process is still sending, so it is not lost if that process gives it back', async () => {
    const cy = await consoleUser(t.wallet, 'cy');
    const sending = { owner: 'sending', ms: 60_000 };
    const other = { owner: 'other', ms: 60_000 };
    await fund(t, cy, cny(5));
    const held = (await t.wallet.claimNotifications('console', 1_000, sending)).find((n) => n.userId === cy.id)!;
    await fund(t, cy, cny(6));
    const [later] = await t.wallet.claimNotifications('console', 10, other);
    expect(later).toMatchObject({ userId: cy.id, notice: { kind: 'deposit.received' } });
    await t.wallet.markNotificationDelivered(later!.id, 'console');
    await t.database.query(sql`update notifications set created_at = now() - interval '1 hour'`);
    expect(await t.wallet.claimNotifications('console', 10, other)).toEqual([]);
    expect(await cursor()).toBeLessThan(BigInt(held.id));

    await t.wallet.releaseNotificationLeases(sending.owner);
    expect((await pendingNotices(t.wallet, 'console', 50)).map((n) => n.id)).toContain(held.id);
  });

  it('moves past a notice written with this platform as its origin: it was never to be sent here', async () => {
    // what earlier scenarios left pending is sent, so only this one's notice can hold the cursor
    for (const left of await pendingNotices(t.wallet, 'console', 1000)) await t.wallet.markNotificationDelivered(left.id, 'console');
    const dee = await consoleUser(t.wallet, 'dee');
    await t.wallet.freeze({ user: dee, identity: { platform: 'console', platformUserId: 'dee' } });
    const [frozen] = await t.wallet.notificationsOf(dee.id, 1);
    expect(frozen).toMatchObject({ notice: { kind: 'security.frozen' } });
    await t.database.query(sql`update notifications set created_at = now() - interval '1 hour'`);
    expect((await pendingNotices(t.wallet, 'console', 50)).map((n) => n.id)).not.toContain(frozen!.id);
    expect(await cursor()).toBeGreaterThanOrEqual(BigInt(frozen!.id));
    const [stored] = await t.database.query<{ origin: string }>(sql`select origin_platform as origin from notifications where id = ${BigInt(frozen!.id)}`);
    expect(stored?.origin).toBe('console');
  });

  it('records a row that no longer reads as a notice as failed, with why, and delivers the ones after it', async () => {
    const bea = await consoleUser(t.wallet, 'bea');
    await t.database.query(sql`insert into notifications (user_id, kind, params) values (${BigInt(bea.id)}, 'transfer.teleported', '{}'::jsonb)`);
    await fund(t, bea, cny(4));
    const pending = (await pendingNotices(t.wallet, 'console', 50)).filter((n) => n.userId === bea.id);
    expect(pending.map((n) => n.notice.kind)).toEqual(['deposit.received']);
    const [failed] = await t.database.query<{ status: string; detail: string }>(sql`
      select d.status, d.detail from notification_deliveries d join notifications n on n.id = d.notification_id
       where n.kind = 'transfer.teleported' and d.platform = 'console'`);
    expect(failed).toMatchObject({ status: 'failed', detail: expect.stringContaining('transfer.teleported') });
    expect((await t.wallet.notificationsOf(bea.id, 10)).map((n) => n.notice.kind)).toEqual(['deposit.received']);
  });
});
