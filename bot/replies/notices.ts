import { money, toCurrencyCode } from '../../core/money/index.js';
import type { Notification } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { handleOf } from '../handlers/conversation.js';
import { formatAmount, type Text } from '../i18n/i18n.js';
import { text, type Button, type Reply } from './reply.js';
import { requestRef, transferRef } from './refs.js';

/** Outbox kinds to message keys; transfer notices share one shape. */
const KEYS: Record<string, string> = {
  'refund.asked': 'notice.refund_asked',
  'refund.declined': 'notice.refund_declined',
  'security.frozen': 'notice.frozen',
  'security.unfrozen': 'notice.unfrozen',
  'security.authenticator_enabled': 'notice.authenticator_enabled',
  'security.authenticator_removed': 'notice.authenticator_removed',
  'security.confirmations_blocked': 'notice.confirmations_blocked',
  'security.identity_linked': 'notice.identity_linked',
  'security.identity_unlinked': 'notice.identity_unlinked',
  'verification.approved': 'notice.verification_approved',
  'verification.rejected': 'notice.verification_rejected',
  'account.closed': 'notice.account_closed',
};

function buttonFor(action: string): Button {
  const [verb] = action.split(':');
  return { label: text(`buttons.${verb === 'freeze' ? 'freeze' : verb === 'refund' ? 'refund' : 'decline'}`), action };
}

/** A notice from the outbox as a direct message to its user, in their language, with its buttons. */
export async function renderNotice(wallet: Wallet, notice: Notification, locale: string, platform: string): Promise<Reply> {
  const p = notice.params;
  const who = async (id: unknown) => (id ? `@${await handleOf(wallet, String(id), platform)}` : text('history.outside'));
  const params: Text['params'] = {};
  const byOperator = notice.kind === 'security.frozen' && p.by === 'operator';
  const key = byOperator ? 'notice.frozen_by_operator' : (KEYS[notice.kind] ?? `notice.${notice.kind}`);
  if (p.transferId && p.amount) {
    const currency = toCurrencyCode(String(p.currency))!;
    Object.assign(params, {
      amount: formatAmount(locale, money(currency, BigInt(String(p.amount)))),
      who: await who(p.counterpartyId),
      memo: p.memo ? text('challenge.memo', { memo: String(p.memo) }) : '',
      ref: transferRef(String(p.transferId)),
      request: p.requestId ? requestRef(String(p.requestId)) : '',
    });
  } else if (notice.kind === 'refund.asked' || notice.kind === 'refund.declined') {
    Object.assign(params, {
      who: await who(p.askedBy ?? p.by),
      ref: transferRef(String(p.transferId)),
      reason: p.reason ? text('challenge.memo', { memo: String(p.reason) }) : '',
    });
  } else if (notice.kind !== 'security.frozen') {
    for (const [name, value] of Object.entries(p)) if (value !== null) params[name] = value;
  }
  return {
    to: { kind: 'direct', userId: notice.userId },
    lines: [text(key, params)],
    ...(notice.actions.length ? { buttons: notice.actions.map(buttonFor) } : {}),
  };
}
