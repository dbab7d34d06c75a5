import { toDecimalString, type Money } from '../../core/money/index.js';
import type { TransferReceipt } from '../../core/ledger/move-money.js';
import type { Intent } from '../intents/intent.js';
import { formatAmount, formatDate, translate } from '../i18n/i18n.js';
import { say, text, type Button, type Reply } from '../replies/reply.js';
import { idOf, transferRef } from '../replies/refs.js';
import { handleOf } from '../replies/handles.js';
import { withFreeze } from '../replies/notices.js';
import { challengeReplies, errorReply, userByHandle, type Conversation } from './conversation.js';
import { ask } from './follow-up.js';
import { amountOrAsk, refusalOf } from './slots.js';
import { holdOffer } from './claim-handlers.js';

export { amountOf } from './slots.js';

export async function handleBalance(c: Conversation): Promise<Reply[]> {
  const balances = (await c.wallet.balances(c.actor.user.id)).filter((m) => m.minor !== 0n);
  if (balances.length === 0) return [say(text('balance.empty'))];
  return [say(text('balance.list', { lines: balances.map((m) => formatAmount(c.locale, m)).join('\n') }))];
}

export async function handleSend(c: Conversation, intent: Extract<Intent, { kind: 'send' }>): Promise<Reply[]> {
  const refusal = refusalOf(c, intent);
  if (refusal) return [refusal];
  if (!intent.to && !c.replyTo) return ask(c, intent, 'to', text('ask.recipient'));
  const recipient = intent.to ? await userByHandle(c, intent.to) : { id: c.replyTo! };
  if ('lines' in recipient) return intent.to ? holdOffer(c, recipient, intent.to, intent) : [recipient];
  const amount = await amountOrAsk(c, intent);
  if (Array.isArray(amount)) return amount;
  const prepared = await c.wallet.prepareSend({ key: c.key, actor: c.actor, toUserId: recipient.id, amount, memo: intent.memo });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

/**
 * The receipt for a movement the confirmation just ran. Money the person sent carries Freeze, as
 * the alert their other chats get does; an operator's deposit or withdrawal is the user's news.
 */
export async function receiptReplies(c: Conversation, receipt: TransferReceipt): Promise<Reply[]> {
  const counterpart = receipt.kind === 'deposit' ? receipt.toUserId : receipt.kind === 'withdrawal' ? receipt.fromUserId : receipt.toUserId;
  const params = {
    amount: formatAmount(c.locale, receipt.amount),
    to: await handleOf(c.wallet, counterpart, c.actor.identity.platform),
    ref: transferRef(receipt.transferId),
    balance: receipt.balanceAfter ? formatAmount(c.locale, receipt.balanceAfter) : '',
  };
  const reply = say(text(`receipt.${receipt.kind}`, params));
  return [receipt.kind === 'deposit' || receipt.kind === 'withdrawal' ? reply : withFreeze(reply)];
}

export async function handleRefund(c: Conversation, intent: Extract<Intent, { kind: 'refund' }>): Promise<Reply[]> {
  const transferId = idOf(intent.ref, 'T');
  if (!transferId) return ask(c, intent, 'ref', text('ask.reference'));
  let amount: Money | undefined;
  if (intent.amount || intent.amountIssue) {
    // a partial refund without a currency is in the payment's own currency
    const fallback = (await c.wallet.getTransfer(c.actor.user.id, transferId))?.amount.currency;
    const refusal = refusalOf(c, intent, fallback);
    if (refusal) return [refusal];
    const exact = await amountOrAsk(c, intent, fallback);
    if (Array.isArray(exact)) return exact;
    amount = exact;
  }
  const prepared = await c.wallet.prepareRefund({ key: c.key, actor: c.actor, transferId, amount });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

export async function handleAskRefund(c: Conversation, intent: Extract<Intent, { kind: 'ask_refund' }>): Promise<Reply[]> {
  const transferId = idOf(intent.ref, 'T');
  if (!transferId) return ask(c, intent, 'ref', text('ask.reference'));
  const asked = await c.wallet.askRefund({ actor: c.actor, transferId, reason: intent.reason });
  if (!asked.ok) return [errorReply(asked.error, c)];
  const transfer = await c.wallet.getTransfer(c.actor.user.id, transferId);
  return [say(text('refund_ask.sent', { to: await handleOf(c.wallet, transfer?.toUserId, c.actor.identity.platform), ref: intent.ref! }))];
}

export async function handleHistory(c: Conversation, cursor: string | undefined): Promise<Reply[]> {
  const page = await c.wallet.history({ userId: c.actor.user.id, cursor, limit: 5 });
  if (!page.ok) return [errorReply(page.error, c)];
  if (page.value.items.length === 0) return [say(text('history.empty'))];
  const lines = [text('history.header')];
  for (const item of page.value.items) {
    const who = item.counterparty
      ? `@${await handleOf(c.wallet, item.counterparty.userId, c.actor.identity.platform)}`
      : text(item.kind === 'claim' ? 'history.claims' : 'history.outside');
    lines.push(
      text(`history.${item.direction}`, {
        date: formatDate(c.locale, item.createdAt),
        amount: formatAmount(c.locale, item.amount),
        who,
        memo: item.memo ? text('challenge.memo', { memo: item.memo }) : '',
        ref: transferRef(item.transferId),
      }),
    );
  }
  const buttons: Button[] = [];
  if (page.value.nextCursor) buttons.push({ label: text('buttons.older'), action: { kind: 'history_page', cursor: page.value.nextCursor } });
  if (cursor) buttons.push({ label: text('buttons.newer'), action: { kind: 'history_page' } });
  return [{ to: { kind: 'here' }, lines, ...(buttons.length ? { buttons } : {}) }];
}

/** Every entry as CSV, oldest last, paged through the same history the chat shows. */
export async function handleStatement(c: Conversation): Promise<Reply[]> {
  const rows = [translate(c.locale, text('statement.header'))];
  let cursor: string | undefined;
  do {
    const page = await c.wallet.history({ userId: c.actor.user.id, cursor, limit: 100 });
    if (!page.ok) return [errorReply(page.error, c)];
    for (const item of page.value.items) {
      const who = item.counterparty ? await handleOf(c.wallet, item.counterparty.userId, c.actor.identity.platform) : '';
      rows.push(
        [item.createdAt.toISOString(), transferRef(item.transferId), item.kind, item.direction, toDecimalString(item.amount), item.amount.currency, who, item.memo ?? '']
          .map(csvCell)
          .join(','),
      );
    }
    cursor = page.value.nextCursor;
  } while (cursor);
  return [{ to: { kind: 'here' }, lines: [text('statement.ready', { count: rows.length - 1 })], file: { name: 'okpay-statement.csv', content: `${rows.join('\n')}\n` } }];
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

