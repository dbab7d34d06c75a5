import type { ButtonAction } from '../actions/button-action.js';
import { unreachable } from '../unreachable.js';
import type { Notice } from './notice.js';

/** The buttons a notice can carry: acting on what it reports. */
export type NoticeAction = Extract<ButtonAction, { kind: 'freeze' | 'refund' | 'decline_refund' }>;

const FREEZE: NoticeAction[] = [{ kind: 'freeze' }];

/**
 * The buttons a notice offers, derived from what it reports instead of stored with it: Freeze
 * wherever money left the wallet or its security changed (the owner may be reading about
 * something they did not do), Refund and Decline on a refund ask, nothing on news that needs no
 * answer. An alert stored long ago gets the buttons this version would give it.
 */
export function noticeActions(notice: Notice): NoticeAction[] {
  switch (notice.kind) {
    case 'send.sent':
    case 'payment.sent':
    case 'refund.sent':
    case 'withdrawal.sent':
    case 'security.unfrozen':
    case 'security.authenticator_enabled':
    case 'security.authenticator_removed':
    case 'security.confirmations_blocked':
    case 'security.identity_linked':
    case 'security.identity_unlinked':
    case 'claim.created':
      return FREEZE;
    case 'refund.asked':
      return [
        { kind: 'refund', askId: notice.askId },
        { kind: 'decline_refund', askId: notice.askId },
      ];
    case 'send.received':
    case 'payment.received':
    case 'refund.received':
    case 'deposit.received':
    case 'refund.declined':
    case 'security.frozen':
    case 'verification.approved':
    case 'verification.rejected':
    case 'account.closed':
    case 'support.opened':
    case 'support.answered':
    case 'claim.received':
    case 'claim.claimed':
    case 'claim.cancelled':
    case 'claim.expired':
    case 'webhook.failing':
      return [];
    default:
      return unreachable(notice, 'notice');
  }
}
