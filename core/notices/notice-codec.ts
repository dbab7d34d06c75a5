import { z } from 'zod';
import { money, toCurrencyCode, type Money } from '../money/index.js';
import { unreachable } from '../unreachable.js';
import type { Notice, TransferNoticeKind } from './notice.js';

/** A notice as the outbox row holds it: its kind, and JSON params (amounts as minor-unit text). */
export interface StoredNotice {
  kind: string;
  params: Record<string, string | number | null>;
}

const TRANSFER_KINDS: readonly TransferNoticeKind[] = [
  'send.sent',
  'send.received',
  'payment.sent',
  'payment.received',
  'refund.sent',
  'refund.received',
  'deposit.received',
  'withdrawal.sent',
];

/**
 * The stored form, in the field names the ledger's SQL function writes for transfers and the
 * stores wrote before notices were typed, so every row ever written reads back the same way.
 */
export function encodeNotice(notice: Notice): StoredNotice {
  switch (notice.kind) {
    case 'send.sent':
    case 'send.received':
    case 'payment.sent':
    case 'payment.received':
    case 'refund.sent':
    case 'refund.received':
    case 'deposit.received':
    case 'withdrawal.sent':
      return {
        kind: notice.kind,
        params: {
          transferId: notice.transferId,
          amount: notice.amount.minor.toString(),
          currency: notice.amount.currency,
          memo: notice.memo ?? null,
          counterpartyId: notice.counterpartyId ?? null,
          requestId: notice.requestId ?? null,
          relatedTransferId: notice.relatedTransferId ?? null,
          refundRemaining: notice.refundRemaining?.minor.toString() ?? null,
        },
      };
    case 'refund.asked':
      return { kind: notice.kind, params: { transferId: notice.transferId, askId: notice.askId, reason: notice.reason ?? null, askedBy: notice.askedBy } };
    case 'refund.declined':
      return { kind: notice.kind, params: { transferId: notice.transferId, by: notice.by } };
    case 'security.frozen':
      return { kind: notice.kind, params: { by: notice.by } };
    case 'security.unfrozen':
      return { kind: notice.kind, params: notice.by ? { by: notice.by } : {} };
    case 'security.confirmations_blocked':
      return { kind: notice.kind, params: { minutes: notice.minutes } };
    case 'security.identity_linked':
    case 'security.identity_unlinked':
      return { kind: notice.kind, params: { platform: notice.platform } };
    case 'verification.approved':
      return { kind: notice.kind, params: { tier: notice.tier } };
    case 'verification.rejected':
      return { kind: notice.kind, params: { reason: notice.reason } };
    case 'security.authenticator_enabled':
    case 'security.authenticator_removed':
    case 'account.closed':
      return { kind: notice.kind, params: {} };
    case 'support.opened':
      return { kind: notice.kind, params: { ticketId: notice.ticketId, userId: notice.userId, platform: notice.platform, text: notice.text } };
    case 'support.answered':
      return { kind: notice.kind, params: { ticketId: notice.ticketId, text: notice.text } };
    case 'webhook.failing':
      return { kind: notice.kind, params: { url: notice.url, eventId: notice.eventId } };
    case 'claim.created':
      return { kind: notice.kind, params: { claimId: notice.claimId, ...amountParams(notice.amount), forHandle: notice.forHandle ?? null } };
    case 'claim.received':
      return { kind: notice.kind, params: { claimId: notice.claimId, transferId: notice.transferId, ...amountParams(notice.amount), senderId: notice.senderId } };
    case 'claim.claimed':
      return { kind: notice.kind, params: { claimId: notice.claimId, ...amountParams(notice.amount), claimerId: notice.claimerId } };
    case 'claim.cancelled':
    case 'claim.expired':
      return { kind: notice.kind, params: { claimId: notice.claimId, ...amountParams(notice.amount) } };
    default:
      return unreachable(notice, 'notice');
  }
}

const amountParams = (amount: Money) => ({ amount: amount.minor.toString(), currency: amount.currency });

const id = z.string().regex(/^\d+$/);
const minor = z.string().regex(/^-?\d+$/);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const by = z.enum(['owner', 'operator']);
const platform = z.enum(['telegram', 'discord', 'console']);

const transferParams = z.object({
  transferId: id,
  amount: minor,
  currency: z.string(),
  memo: optional(z.string()),
  counterpartyId: optional(id),
  requestId: optional(id),
  relatedTransferId: optional(id),
  refundRemaining: optional(minor),
});

const PARAMS = {
  'refund.asked': z.object({ transferId: id, askId: id, askedBy: id, reason: optional(z.string()) }),
  'refund.declined': z.object({ transferId: id, by: id }),
  'security.frozen': z.object({ by }),
  'security.unfrozen': z.object({ by: optional(by) }),
  'security.authenticator_enabled': z.object({}),
  'security.authenticator_removed': z.object({}),
  'security.confirmations_blocked': z.object({ minutes: z.number().int().nonnegative() }),
  'security.identity_linked': z.object({ platform }),
  'security.identity_unlinked': z.object({ platform }),
  'verification.approved': z.object({ tier: z.number().int().nonnegative() }),
  'verification.rejected': z.object({ reason: z.string() }),
  'account.closed': z.object({}),
  'support.opened': z.object({ ticketId: id, userId: id, platform, text: z.string() }),
  'support.answered': z.object({ ticketId: id, text: z.string() }),
  'webhook.failing': z.object({ url: z.string(), eventId: z.string() }),
} satisfies { [K in Exclude<Notice['kind'], TransferNoticeKind | ClaimNoticeKind>]: z.ZodType<Omit<Extract<Notice, { kind: K }>, 'kind'>> };

type ClaimNoticeKind = Extract<Notice['kind'], `claim.${string}`>;

const claimAmount = z.object({ amount: minor, currency: z.string() });
const CLAIM_PARAMS = {
  'claim.created': claimAmount.extend({ claimId: id, forHandle: optional(z.string()) }),
  'claim.received': claimAmount.extend({ claimId: id, transferId: id, senderId: id }),
  'claim.claimed': claimAmount.extend({ claimId: id, claimerId: id }),
  'claim.cancelled': claimAmount.extend({ claimId: id }),
  'claim.expired': claimAmount.extend({ claimId: id }),
} satisfies Record<ClaimNoticeKind, z.ZodType>;

/** A claim notice: its amount back into money, like a transfer notice's. */
function decodeClaimNotice(kind: ClaimNoticeKind, params: unknown): DecodedNotice {
  const parsed = CLAIM_PARAMS[kind].safeParse(params);
  if (!parsed.success) return { ok: false, problem: `${kind}: ${parsed.error.message}` };
  const { amount, currency: written, ...rest } = parsed.data;
  const currency = toCurrencyCode(written);
  if (!currency) return { ok: false, problem: `${kind}: unknown currency ${written}` };
  const fields = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ok: true, notice: { kind, ...fields, amount: money(currency, BigInt(amount)) } as Notice };
}

/** What became of a stored row: its notice, or why it cannot be one (reported, never thrown). */
export type DecodedNotice = { ok: true; notice: Notice } | { ok: false; problem: string };

/**
 * Reads an outbox row back into its notice. Total: a kind this version does not know, or params
 * that do not fit it, come back as a problem for the caller to record instead of a crash that
 * would stop every later notice from going out.
 */
export function decodeNotice(stored: { kind: string; params: unknown }): DecodedNotice {
  const { kind } = stored;
  if ((TRANSFER_KINDS as readonly string[]).includes(kind)) {
    const parsed = transferParams.safeParse(stored.params);
    if (!parsed.success) return { ok: false, problem: `${kind}: ${parsed.error.message}` };
    const p = parsed.data;
    const currency = toCurrencyCode(p.currency);
    if (!currency) return { ok: false, problem: `${kind}: unknown currency ${p.currency}` };
    const amountOf = (minorUnits: string): Money => money(currency, BigInt(minorUnits));
    return {
      ok: true,
      notice: {
        kind: kind as TransferNoticeKind,
        transferId: p.transferId,
        amount: amountOf(p.amount),
        ...(p.counterpartyId ? { counterpartyId: p.counterpartyId } : {}),
        ...(p.memo ? { memo: p.memo } : {}),
        ...(p.requestId ? { requestId: p.requestId } : {}),
        ...(p.relatedTransferId ? { relatedTransferId: p.relatedTransferId } : {}),
        ...(p.refundRemaining !== undefined ? { refundRemaining: amountOf(p.refundRemaining) } : {}),
      },
    };
  }
  if (Object.hasOwn(CLAIM_PARAMS, kind)) return decodeClaimNotice(kind as ClaimNoticeKind, stored.params);
  if (!Object.hasOwn(PARAMS, kind)) return { ok: false, problem: `unknown notice kind ${kind}` };
  const parsed = PARAMS[kind as keyof typeof PARAMS].safeParse(stored.params);
  if (!parsed.success) return { ok: false, problem: `${kind}: ${parsed.error.message}` };
  const fields = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  return { ok: true, notice: { kind, ...fields } as Notice };
}
