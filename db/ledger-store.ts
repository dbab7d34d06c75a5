import { sql } from 'drizzle-orm';
import { fail, isErrorCode, ok, type ErrorParams, type Outcome } from '../core/errors.js';
import { money, toCurrencyCode, type Money } from '../core/money/index.js';
import type {
  AccountOwner,
  HistoryRow,
  LedgerViolation,
  Posted,
  Posting,
  LedgerPort,
  TierLimits,
  TransferKind,
  TransferRecord,
  UserId,
} from '../core/ports/index.js';
import type { Database } from './connect.js';
import { toBigInt, toDate, toOptionalBigInt, withRetry } from './values.js';

interface PostRow {
  transfer_id: unknown;
  created_at: string | null;
  debited_balance: unknown;
  error_code: string | null;
  error_params: ErrorParams | null;
}

function ownerArgs(owner: AccountOwner): [bigint | null, string | null] {
  return 'user' in owner ? [BigInt(owner.user), null] : [null, owner.system];
}

function currencyOf(text: unknown): Money['currency'] {
  const currency = toCurrencyCode(String(text));
  if (!currency) throw new Error(`ledger holds an unknown currency: ${String(text)}`);
  return currency;
}

const POST_TRANSFER = `select * from okpay_post_transfer($1, $2, $3, $4::bigint, $5, $6::bigint, $7, $8,
  $9::bigint, $10, $11::bigint, $12::bigint, $13::bigint, $14::timestamptz, $15::jsonb, $16)`;

const limitsText = new WeakMap<TierLimits, string>();

/** Limits objects are built once per currency, so their JSON is too. */
function limitsJson(limits: TierLimits | undefined): string | null {
  if (!limits) return null;
  let text = limitsText.get(limits);
  if (text === undefined) {
    text = JSON.stringify(Object.fromEntries(Object.entries(limits).map(([tier, pair]) => [tier, pair.map(String)])));
    limitsText.set(limits, text);
  }
  return text;
}

export function createLedgerStore(database: Database): LedgerPort {
  const { query } = database;

  return {
    /** One round trip: okpay_post_transfer does the whole movement in one transaction. */
    async post(posting: Posting): Promise<Outcome<Posted>> {
      const [fromUser, fromSystem] = ownerArgs(posting.from);
      const [toUser, toSystem] = ownerArgs(posting.to);
      const [row] = await withRetry(() =>
        database.call<PostRow>(POST_TRANSFER, [
          posting.key,
          posting.fingerprint,
          posting.kind,
          fromUser?.toString() ?? null,
          fromSystem,
          toUser?.toString() ?? null,
          toSystem,
          posting.amount.currency,
          posting.amount.minor.toString(),
          posting.memo ?? null,
          posting.relatedTransferId ?? null,
          posting.requestId ?? null,
          posting.challengeId ?? null,
          posting.now.toISOString(),
          limitsJson(posting.limits),
          posting.origin ?? null,
        ]),
      );
      if (!row) throw new Error('okpay_post_transfer returned no row');
      if (row.error_code) {
        // a code the core does not know is a bug in the SQL, not an outcome to show someone
        if (!isErrorCode(row.error_code)) throw new Error(`okpay_post_transfer returned an unknown error code: ${row.error_code}`);
        return fail(row.error_code, row.error_params ?? {});
      }
      const debited = toOptionalBigInt(row.debited_balance);
      return ok({
        transferId: toBigInt(row.transfer_id).toString(),
        createdAt: toDate(row.created_at),
        ...(debited === undefined ? {} : { debitedBalanceAfter: debited }),
      });
    },

    /** Applied balance plus parked deltas, for every currency the user holds. */
    async balances(userId: UserId): Promise<Money[]> {
      const rows = await query<{ currency: string; balance: unknown }>(sql`
        select a.currency,
               a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0) as balance
          from accounts a where a.user_id = ${BigInt(userId)} order by a.currency`);
      return rows.map((r) => money(currencyOf(r.currency), toBigInt(r.balance)));
    },

    async history(userId: UserId, beforeEntryId: bigint | undefined, limit: number): Promise<HistoryRow[]> {
      const rows = await query<Record<string, unknown>>(sql`
        select e.id as entry_id, e.amount, t.id as transfer_id, t.kind, t.currency, t.memo,
               to_json(t.created_at) #>> '{}' as created_at, cp.user_id as counterparty_id,
               (select i.username from identities i
                 where i.user_id = cp.user_id and i.username is not null order by i.id limit 1) as counterparty_username
          from entries e
          join transfers t on t.id = e.transfer_id
          cross join lateral (select case when e.amount < 0 then t.to_user_id else t.from_user_id end as user_id) cp
         where e.user_id = ${BigInt(userId)}
           and (${beforeEntryId ?? null}::bigint is null or e.id < ${beforeEntryId ?? null}::bigint)
         order by e.user_id, e.id desc
         limit ${limit}`);
      return rows.map((r) => ({
        entryId: toBigInt(r.entry_id),
        transferId: toBigInt(r.transfer_id).toString(),
        kind: r.kind as TransferKind,
        amount: money(currencyOf(r.currency), toBigInt(r.amount)),
        createdAt: toDate(r.created_at),
        ...(r.memo == null ? {} : { memo: String(r.memo) }),
        ...(r.counterparty_id == null ? {} : { counterpartyUserId: toBigInt(r.counterparty_id).toString() }),
        ...(r.counterparty_username == null ? {} : { counterpartyUsername: String(r.counterparty_username) }),
      }));
    },

    async getTransfer(id: string): Promise<TransferRecord | undefined> {
      if (!/^\d{1,18}$/.test(id)) return undefined;
      const [row] = await query<Record<string, unknown>>(sql`
        select id, kind, status, currency, amount, refunded, from_user_id, to_user_id, memo,
               to_json(created_at) #>> '{}' as created_at
          from transfers where id = ${BigInt(id)}`);
      if (!row) return undefined;
      return {
        id: toBigInt(row.id).toString(),
        kind: row.kind as TransferKind,
        status: row.status as TransferRecord['status'],
        amount: money(currencyOf(row.currency), toBigInt(row.amount)),
        refunded: toBigInt(row.refunded),
        ...(row.from_user_id == null ? {} : { fromUserId: toBigInt(row.from_user_id).toString() }),
        ...(row.to_user_id == null ? {} : { toUserId: toBigInt(row.to_user_id).toString() }),
        ...(row.memo == null ? {} : { memo: String(row.memo) }),
        createdAt: toDate(row.created_at),
      };
    },

    /** Runs every invariant in one snapshot so concurrent movements cannot produce false alarms. */
    async checkLedger(): Promise<LedgerViolation[]> {
      return database.snapshot(async (run) => {
        const violations: LedgerViolation[] = [];
        for (const r of await run(sql`
          select e.transfer_id, a.currency, sum(e.amount) as total
            from entries e join accounts a on a.id = e.account_id
           group by e.transfer_id, a.currency having sum(e.amount) <> 0`)) {
          violations.push({
            rule: 'transfer_unbalanced',
            detail: `transfer ${String(r.transfer_id)} ${String(r.currency)} sums to ${String(r.total)}`,
          });
        }
        for (const r of await run(sql`
          select a.id, a.balance, coalesce(p.total, 0) as parked, coalesce(e.total, 0) as entries
            from accounts a
            left join (select account_id, sum(amount) as total from entries group by account_id) e on e.account_id = a.id
            left join (select account_id, sum(amount) as total from pending_deltas group by account_id) p on p.account_id = a.id
           where a.balance + coalesce(p.total, 0) <> coalesce(e.total, 0)`)) {
          violations.push({
            rule: 'balance_mismatch',
            detail: `account ${String(r.id)}: balance ${String(r.balance)} + parked ${String(r.parked)} <> entries ${String(r.entries)}`,
          });
        }
        for (const r of await run(sql`
          select a.id, a.balance, coalesce(p.total, 0) as parked
            from accounts a
            left join (select account_id, sum(amount) as total from pending_deltas group by account_id) p on p.account_id = a.id
           where a.user_id is not null and (a.balance < 0 or a.balance + coalesce(p.total, 0) < 0)`)) {
          violations.push({
            rule: 'negative_user_balance',
            detail: `account ${String(r.id)}: balance ${String(r.balance)} + parked ${String(r.parked)}`,
          });
        }
        for (const r of await run(sql`
          select t.id, t.status from transfers t
           where (t.status = 'completed') <> exists (select 1 from entries e where e.transfer_id = t.id)`)) {
          violations.push({ rule: 'transfer_entries_mismatch', detail: `${String(r.status)} transfer ${String(r.id)}` });
        }
        for (const r of await run(sql`
          select a.id, a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0) as held
            from accounts a where a.owner_status = 'closed'
             and a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0) <> 0`)) {
          violations.push({ rule: 'closed_with_money', detail: `closed account ${String(r.id)} holds ${String(r.held)}` });
        }
        for (const r of await run(sql`
          select a.id, a.owner_status, u.status from accounts a join users u on u.id = a.user_id
           where a.owner_status <> u.status`)) {
          violations.push({
            rule: 'status_mismatch',
            detail: `account ${String(r.id)} says ${String(r.owner_status)}, its owner is ${String(r.status)}`,
          });
        }
        // the claims account holds, per currency, exactly what open claims still hold
        for (const r of await run(sql`
          with held as (
            select a.currency, a.balance + coalesce((select sum(p.amount) from pending_deltas p where p.account_id = a.id), 0) as balance
              from accounts a where a.system_code = 'claims'),
          open as (select currency, sum(amount - claimed_amount) as total from claims where status = 'open' group by currency)
          select coalesce(h.currency, o.currency) as currency, coalesce(h.balance, 0) as balance, coalesce(o.total, 0) as total
            from held h full join open o on o.currency = h.currency
           where coalesce(h.balance, 0) <> coalesce(o.total, 0)`)) {
          violations.push({ rule: 'claims_mismatch', detail: `claims account ${String(r.currency)}: balance ${String(r.balance)} <> open claims ${String(r.total)}` });
        }
        for (const r of await run(sql`
          select c.id, c.claimed_amount, coalesce(sum(x.amount), 0) as paid from claims c
            left join claim_redemptions x on x.claim_id = c.id
           group by c.id having c.claimed_amount <> coalesce(sum(x.amount), 0)`)) {
          violations.push({ rule: 'claims_mismatch', detail: `claim ${String(r.id)}: claimed ${String(r.claimed_amount)} <> redeemed ${String(r.paid)}` });
        }
        // test money and real money never meet: each account's flag is what its owner is, and no
        // transfer has entries on both sides
        for (const r of await run(sql`
          select a.id from accounts a left join users u on u.id = a.user_id
           where a.sandbox <> (coalesce(a.system_code = 'sandbox', false) or u.sandbox_of is not null)`)) {
          violations.push({ rule: 'sandbox_mixed', detail: `account ${String(r.id)} is flagged as the other world than its owner` });
        }
        for (const r of await run(sql`
          select e.transfer_id from entries e join accounts a on a.id = e.account_id
           group by e.transfer_id having bool_or(a.sandbox) <> bool_and(a.sandbox)`)) {
          violations.push({ rule: 'sandbox_mixed', detail: `transfer ${String(r.transfer_id)} moves between sandbox and real accounts` });
        }
        const [stray] = await run(sql`
          select count(*) as n from entries e
           where (e.balance_after is null) <> exists (select 1 from pending_deltas p where p.entry_id = e.id)`);
        if (stray && toBigInt(stray.n) > 0n) {
          violations.push({ rule: 'pending_mismatch', detail: `${String(stray.n)} entries disagree with pending_deltas` });
        }
        return violations;
      });
    },
  };
}
