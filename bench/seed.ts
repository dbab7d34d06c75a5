import type { Sql } from 'postgres';

/**
 * Bulk-creates `count` users with a funded CNY account, as if each had received one deposit from
 * the external rails: transfers, entries and balances are written directly, so the ledger check
 * holds, without paying for `count` calls through the API.
 */
export async function seedFundedUsers(sql: Sql, prefix: string, count: number, minor: bigint): Promise<string[]> {
  return sql.begin(async (tx) => {
    const [external] = await tx`select o_id as id from okpay_account(null, 'external', 'CNY')`;
    const users = await tx`
      with created as (insert into users (locale) select 'en' from generate_series(1, ${count}) returning id),
      named as (
        insert into identities (user_id, platform, platform_user_id, username)
        select id, 'console', ${prefix} || id, ${prefix} || id from created
      )
      insert into accounts (user_id, currency, balance) select id, 'CNY', ${minor.toString()}::bigint from created
      returning id as account_id, user_id`;
    await tx`
      with funded as (
        insert into transfers (kind, idempotency_key, request_hash, currency, amount, from_account_id, to_account_id, to_user_id)
        select 'deposit', ${`seed:${prefix}:`} || a.id, 'seed', 'CNY', a.balance, ${external!.id}, a.id, a.user_id
          from accounts a where a.id = any(${tx.array(users.map((u) => String(u.account_id)))}::bigint[])
        returning id, to_account_id, to_user_id, amount
      ), base as (select balance from accounts where id = ${external!.id})
      insert into entries (transfer_id, account_id, user_id, amount, balance_after)
      select id, ${external!.id}, null, -amount, base.balance - sum(amount) over (order by id) from funded, base
      union all
      select id, to_account_id, to_user_id, amount, amount from funded`;
    await tx`update accounts set balance = balance - ${(minor * BigInt(count)).toString()}::bigint where id = ${external!.id}`;
    return users.map((u) => String(u.user_id));
  });
}

/**
 * Loads `transfers` sends among the given users in bulk (two entries each), one in ten of them
 * to or from `focusUserId`, with running balances stamped per account. Used to measure history
 * reads on a large ledger.
 */
export async function seedSends(sql: Sql, userIds: string[], focusUserId: string, transfers: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`create temp table bench_accounts on commit drop as
      select row_number() over (order by a.user_id = ${focusUserId}::bigint desc, a.id)::int as k, a.id, a.user_id, a.balance
        from accounts a where a.currency = 'CNY' and a.user_id = any(${tx.array(userIds)}::bigint[])`;
    const n = userIds.length;
    await tx`create temp table bench_pairs on commit drop as
      select g, i, case when j >= i then j + 1 else j end as j from (
        select g, (case when g % 10 = 0 then 1 else 1 + floor(random() * ${n})::int end) as i,
               1 + floor(random() * ${n - 1})::int as j
          from generate_series(1, ${transfers}) g) p`;
    const [{ first }] = (await tx`select nextval('transfers_id_seq') + 1 as first`) as unknown as [{ first: string }];
    await tx`
      insert into transfers (kind, idempotency_key, request_hash, currency, amount, from_account_id, to_account_id,
                             from_user_id, to_user_id, created_at)
      select 'send', 'seed:history:' || p.g, 'seed', 'CNY', 1 + p.g % 50, f.id, t.id, f.user_id, t.user_id,
             now() - make_interval(secs => (${transfers} - p.g) / 1000.0)
        from bench_pairs p join bench_accounts f on f.k = p.i join bench_accounts t on t.k = p.j
       order by p.g`;
    await tx`
      insert into entries (transfer_id, account_id, user_id, amount, balance_after, created_at)
      select m.transfer_id, m.account_id, m.user_id, m.amount,
             b.balance + sum(m.amount) over (partition by m.account_id order by m.transfer_id, m.amount),
             m.created_at
        from (select id as transfer_id, from_account_id as account_id, from_user_id as user_id, -amount as amount, created_at
                from transfers where id >= ${first}
              union all
              select id, to_account_id, to_user_id, amount, created_at from transfers where id >= ${first}) m
        join bench_accounts b on b.id = m.account_id
       order by m.transfer_id, m.amount`;
    await tx`
      update accounts a set balance = a.balance + d.delta
        from (select account_id, sum(amount) as delta from entries e
               where e.transfer_id >= ${first} group by account_id) d
       where a.id = d.account_id`;
  });
  await sql`analyze`;
}
