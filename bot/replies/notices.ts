import { noticeActions, type Notice, type NoticeAction } from '../../core/notices/index.js';
import type { Notification, UserId } from '../../core/ports/index.js';
import { unreachable } from '../../core/unreachable.js';
import type { Wallet } from '../../core/wallet.js';
import { formatAmount, type Text } from '../i18n/i18n.js';
import { handleOf } from './handles.js';
import { text, type Button, type Reply } from './reply.js';
import { claimRef, requestRef, ticketRef, transferRef } from './refs.js';

function buttonFor(action: NoticeAction): Button {
  switch (action.kind) {
    case 'freeze':
      return { label: text('buttons.freeze'), action };
    case 'refund':
      return { label: text('buttons.refund'), action };
    case 'decline_refund':
      return { label: text('buttons.decline'), action };
    default:
      return unreachable(action, 'button action');
  }
}

/**
 * The answer to something the person just did that someone else in their account could also have
 * done (money out, a security change), carrying the Freeze its alert carries elsewhere: their own
 * chat is told once, by this answer, and only their other chats get the alert.
 */
export function withFreeze(reply: Reply): Reply {
  return { ...reply, buttons: [...(reply.buttons ?? []), buttonFor({ kind: 'freeze' })] };
}

/** The message of a notice: its key and params, in the reader's language and platform. */
async function lineOf(wallet: Wallet, notice: Notice, locale: string, platform: string): Promise<Text> {
  const who = async (id: UserId | undefined) => (id ? `@${await handleOf(wallet, id, platform)}` : text('history.outside'));
  switch (notice.kind) {
    case 'send.sent':
    case 'send.received':
    case 'payment.sent':
    case 'payment.received':
    case 'refund.sent':
    case 'refund.received':
    case 'deposit.received':
    case 'withdrawal.sent':
      return text(`notice.${notice.kind}`, {
        amount: formatAmount(locale, notice.amount),
        who: await who(notice.counterpartyId),
        memo: notice.memo ? text('challenge.memo', { memo: notice.memo }) : '',
        ref: transferRef(notice.transferId),
        request: notice.requestId ? requestRef(notice.requestId) : '',
      });
    case 'refund.asked':
      return text('notice.refund_asked', {
        who: await who(notice.askedBy),
        ref: transferRef(notice.transferId),
        reason: notice.reason ? text('challenge.memo', { memo: notice.reason }) : '',
      });
    case 'refund.declined':
      return text('notice.refund_declined', { who: await who(notice.by), ref: transferRef(notice.transferId), reason: '' });
    case 'security.frozen':
      return text(notice.by === 'operator' ? 'notice.frozen_by_operator' : 'notice.frozen', {});
    case 'security.unfrozen':
      return text('notice.unfrozen', notice.by ? { by: notice.by } : {});
    case 'security.authenticator_enabled':
      return text('notice.authenticator_enabled', {});
    case 'security.authenticator_removed':
      return text('notice.authenticator_removed', {});
    case 'security.confirmations_blocked':
      return text('notice.confirmations_blocked', { minutes: notice.minutes });
    case 'security.identity_linked':
      return text('notice.identity_linked', { platform: notice.platform });
    case 'security.identity_unlinked':
      return text('notice.identity_unlinked', { platform: notice.platform });
    case 'verification.approved':
      return text('notice.verification_approved', { tier: notice.tier });
    case 'verification.rejected':
      return text('notice.verification_rejected', { reason: notice.reason });
    case 'account.closed':
      return text('notice.account_closed', {});
    case 'support.opened':
      return text('notice.support_opened', {
        ref: ticketRef(notice.ticketId),
        who: await who(notice.userId),
        userId: notice.userId,
        platform: notice.platform,
        text: notice.text,
      });
    case 'support.answered':
      return text('notice.support_answered', { ref: ticketRef(notice.ticketId), text: notice.text });
    case 'claim.created':
      return text(notice.forHandle ? 'notice.claim_created_hold' : 'notice.claim_created', {
        amount: formatAmount(locale, notice.amount),
        handle: notice.forHandle ? `@${notice.forHandle}` : '',
        ref: claimRef(notice.claimId),
      });
    case 'claim.received':
      return text('notice.claim_received', { amount: formatAmount(locale, notice.amount), who: await who(notice.senderId), ref: transferRef(notice.transferId) });
    case 'claim.claimed':
      return text('notice.claim_claimed', { amount: formatAmount(locale, notice.amount), who: await who(notice.claimerId), ref: claimRef(notice.claimId) });
    case 'webhook.failing':
      return text('notice.webhook_failing', { url: notice.url, event: notice.eventId });
    case 'claim.cancelled':
    case 'claim.expired':
      return text(notice.kind === 'claim.cancelled' ? 'notice.claim_cancelled' : 'notice.claim_expired', {
        amount: formatAmount(locale, notice.amount),
        ref: claimRef(notice.claimId),
      });
    default:
      return unreachable(notice, 'notice');
  }
}

/** A notice from the outbox as a direct message to its user, in their language, with its buttons. */
export async function renderNotice(wallet: Wallet, notification: Notification, locale: string, platform: string): Promise<Reply> {
  const buttons = noticeActions(notification.notice).map(buttonFor);
  return {
    to: { kind: 'direct', userId: notification.userId },
    lines: [await lineOf(wallet, notification.notice, locale, platform)],
    ...(buttons.length ? { buttons } : {}),
  };
}
