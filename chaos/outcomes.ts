import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import type { Wallet } from '../core/wallet.js';
import { money } from '../core/money/index.js';
import { formatAmount, translate } from '../bot/i18n/i18n.js';
import { renderNotice } from '../bot/replies/notices.js';
import { transferRef } from '../bot/replies/refs.js';
import type { BotApiCall } from '../test/support/fake-bot-api.js';
import type { PendingPayment } from './seed-payments.js';

/** A message a user got, and which app process sent it. */
export interface SentMessage extends BotApiCall {
  process: string;
}

/** What became of one payment's code update. */
export interface PaymentOutcome {
  payment: PendingPayment;
  /** Completed send transfers from the payer: exactly 1 is the target. */
  effects: number;
  /** Receipts the payer got for it, from any process: exactly 1 is the target. */
  receipts: SentMessage[];
  /** Other answers in the payer's chat that are no notice: an apology, "no pending payment", … */
  otherAnswers: SentMessage[];
}

/** What became of one outbox notice: how many messages carried it. */
export interface NoticeOutcome {
  userId: string;
  kind: string;
  deliveries: number;
}

/** Every message to a chat, from the calls each process's fake Bot API recorded. */
export function messagesTo(calls: Map<string, BotApiCall[]>, chatId: number): SentMessage[] {
  const sent: SentMessage[] = [];
  for (const [process, list] of calls) {
    for (const call of list) if (call.method === 'sendMessage' && call.chatId === String(chatId)) sent.push({ ...call, process });
  }
  return sent.sort((a, b) => a.at - b.at);
}

/** The user's notices meant for Telegram: not those of what they did there, which their receipt told them. */
async function noticeTexts(wallet: Wallet, userId: string): Promise<{ kind: string; text: string }[]> {
  const notices = (await wallet.notificationsOf(userId, 1000)).filter((n) => n.origin !== 'telegram');
  return Promise.all(
    notices.map(async (n) => ({ kind: n.notice.kind, text: translate('en', (await renderNotice(wallet, n, 'en', 'telegram')).lines[0]!) })),
  );
}

/**
 * Reads the effects from the database (completed sends per payer) and the answers from the fake
 * Bot APIs: a receipt names the payment's amount and transfer reference; whatever else reaches
 * the payer's chat and is none of their notices is another answer to the code.
 */
export async function paymentOutcomes(database: Database, wallet: Wallet, payments: PendingPayment[], calls: Map<string, BotApiCall[]>): Promise<PaymentOutcome[]> {
  const outcomes: PaymentOutcome[] = [];
  for (const payment of payments) {
    const transfers = await database.query<{ id: string }>(
      sql`select id::text as id from transfers where kind = 'send' and status = 'completed' and from_user_id = ${BigInt(payment.payer.userId)}`,
    );
    const notices = (await noticeTexts(wallet, payment.payer.userId)).map((n) => n.text);
    const amount = formatAmount('en', money('CNY', payment.minor));
    const refs = transfers.map((t) => transferRef(t.id));
    const answers = messagesTo(calls, payment.payer.telegramId).filter((m) => !notices.some((n) => m.text.includes(n)));
    const isReceipt = (m: SentMessage) => m.text.includes(amount) && refs.some((ref) => m.text.includes(ref));
    outcomes.push({ payment, effects: transfers.length, receipts: answers.filter(isReceipt), otherAnswers: answers.filter((m) => !isReceipt(m)) });
  }
  return outcomes;
}

/** Each notice of these users against the messages that carried its text to their chat. */
export async function noticeOutcomes(wallet: Wallet, users: { userId: string; telegramId: number }[], calls: Map<string, BotApiCall[]>): Promise<NoticeOutcome[]> {
  const outcomes: NoticeOutcome[] = [];
  for (const user of users) {
    const messages = messagesTo(calls, user.telegramId);
    for (const notice of await noticeTexts(wallet, user.userId)) {
      outcomes.push({ userId: user.userId, kind: notice.kind, deliveries: messages.filter((m) => m.text.includes(notice.text)).length });
    }
  }
  return outcomes;
}

/** The payers among these whose send has moved: the driver retries the others after a fault. */
export async function movedPayers(database: Database, payments: PendingPayment[]): Promise<Set<string>> {
  const rows = await database.query<{ payer: string }>(
    sql`select distinct from_user_id::text as payer from transfers where kind = 'send' and status = 'completed'
         and from_user_id = any(${`{${payments.map((p) => p.payer.userId).join(',')}}`}::bigint[])`,
  );
  return new Set(rows.map((r) => r.payer));
}
