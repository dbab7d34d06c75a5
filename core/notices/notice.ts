import type { Money } from '../money/index.js';
import type { TransferId } from '../ports/ledger.js';
import type { RefundAsk } from '../ports/requests.js';
import type { Ticket } from '../ports/support.js';
import type { FrozenBy, Platform, UserId } from '../ports/users.js';
import type { Verification } from '../ports/verification.js';

/**
 * The notices of money movements, written by the ledger's SQL function as `<transfer kind>.sent`
 * for the payer and `.received` for the payee; deposits have no payer, withdrawals no payee.
 */
export type TransferNoticeKind =
  | 'send.sent'
  | 'send.received'
  | 'payment.sent'
  | 'payment.received'
  | 'refund.sent'
  | 'refund.received'
  | 'deposit.received'
  | 'withdrawal.sent';

export interface TransferNotice {
  kind: TransferNoticeKind;
  transferId: TransferId;
  amount: Money;
  /** The other person; absent for deposits and withdrawals (the external rails). */
  counterpartyId?: UserId;
  memo?: string;
  /** The payment request a payment settled. */
  requestId?: string;
  /** The payment a refund returned, and what is left to refund of it. */
  relatedTransferId?: TransferId;
  refundRemaining?: Money;
}

/** What a wallet is told through the outbox, one variant per event, rendered in its reader's language. */
export type Notice =
  | TransferNotice
  | { kind: 'refund.asked'; transferId: TransferId; askId: string; askedBy: UserId; reason?: string }
  | { kind: 'refund.declined'; transferId: TransferId; by: UserId }
  | { kind: 'security.frozen'; by: FrozenBy }
  /** `by` is absent on notices stored before an operator could lift a freeze. */
  | { kind: 'security.unfrozen'; by?: FrozenBy }
  | { kind: 'security.authenticator_enabled' }
  | { kind: 'security.authenticator_removed' }
  | { kind: 'security.confirmations_blocked'; minutes: number }
  | { kind: 'security.identity_linked'; platform: Platform }
  | { kind: 'security.identity_unlinked'; platform: Platform }
  | { kind: 'verification.approved'; tier: number }
  | { kind: 'verification.rejected'; reason: string }
  | { kind: 'account.closed' }
  /** To an operator: a ticket to answer, with the wallet and platform it came from. */
  | { kind: 'support.opened'; ticketId: string; userId: UserId; platform: Platform; text: string }
  /** To the ticket's writer, on the platform they wrote from: an operator's answer. */
  | { kind: 'support.answered'; ticketId: string; text: string }
  /** To the sender: money left for the claims account (their other chats; Freeze, like any money out). */
  | { kind: 'claim.created'; claimId: string; amount: Money; forHandle?: string }
  /** To the claimer: the receipt of a claimed part. */
  | { kind: 'claim.received'; claimId: string; transferId: TransferId; amount: Money; senderId: UserId }
  /** To the sender: who claimed a part of their claim. */
  | { kind: 'claim.claimed'; claimId: string; amount: Money; claimerId: UserId }
  /** To the sender: what was still held came back, because they cancelled it or nobody claimed it in time. */
  | { kind: 'claim.cancelled'; claimId: string; amount: Money }
  | { kind: 'claim.expired'; claimId: string; amount: Money }
  /** To a merchant: their webhook endpoint failed one event for 3 days and is marked failing. */
  | { kind: 'webhook.failing'; url: string; eventId: string };

export type NoticeKind = Notice['kind'];

/**
 * The notices a store writes in the same transaction as the change they report. The core decides
 * which event gets which notice; the store only passes the facts it holds (the ask it created,
 * the verification it decided) and stores what it is given.
 */
export const notices = {
  frozen: (by: FrozenBy): Notice => ({ kind: 'security.frozen', by }),
  unfrozen: (by: FrozenBy): Notice => ({ kind: 'security.unfrozen', by }),
  closed: (): Notice => ({ kind: 'account.closed' }),
  authenticatorEnabled: (): Notice => ({ kind: 'security.authenticator_enabled' }),
  authenticatorRemoved: (): Notice => ({ kind: 'security.authenticator_removed' }),
  confirmationsBlocked: (minutes: number): Notice => ({ kind: 'security.confirmations_blocked', minutes }),
  identityLinked: (platform: Platform): Notice => ({ kind: 'security.identity_linked', platform }),
  identityUnlinked: (platform: Platform): Notice => ({ kind: 'security.identity_unlinked', platform }),
  refundAsked: (ask: RefundAsk): Notice => ({
    kind: 'refund.asked',
    transferId: ask.transferId,
    askId: ask.id,
    askedBy: ask.askedBy,
    ...(ask.reason ? { reason: ask.reason } : {}),
  }),
  refundDeclined: (ask: RefundAsk, by: UserId): Notice => ({ kind: 'refund.declined', transferId: ask.transferId, by }),
  ticketOpened: (ticket: Ticket): Notice => ({ kind: 'support.opened', ticketId: ticket.id, userId: ticket.userId, platform: ticket.from.platform, text: ticket.text }),
  ticketAnswered: (ticketId: string, text: string): Notice => ({ kind: 'support.answered', ticketId, text }),
  /** A decided verification: approved tells the new tier, rejected says why. */
  verificationDecided: (verification: Verification): Notice =>
    verification.status === 'approved'
      ? { kind: 'verification.approved', tier: verification.targetTier }
      : { kind: 'verification.rejected', reason: verification.reason ?? '' },
  webhookFailing: (url: string, eventId: string): Notice => ({ kind: 'webhook.failing', url, eventId }),
};
