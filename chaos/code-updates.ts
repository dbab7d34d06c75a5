import type { Update } from 'grammy/types';
import { codeAt, STEP_SECONDS, stepAt } from '../core/security/totp.js';
import type { PendingPayment } from './seed-payments.js';

let nextUpdateId = 700_000;
/** The last time step whose code each payer sent: a code is accepted once, so a retry needs a later one. */
const lastStep = new Map<number, bigint>();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The code the payer's app shows for the next attempt: the current step's (accepted for 30 s or
 * more, so a redelivery after a lease takeover still carries a live code), or for a retry the
 * step after the one used last — the next step's code is accepted already; one later than that
 * waits for the app to show it, as a person would. Activation counts as the first use.
 */
async function nextCode(payment: PendingPayment): Promise<string> {
  const id = payment.payer.telegramId;
  const used = lastStep.get(id) ?? payment.payer.activationStep;
  const current = stepAt(new Date());
  const step = used < current ? current : used + 1n;
  while (step > stepAt(new Date()) + 1n) await pause(1_000);
  lastStep.set(id, step);
  return codeAt(payment.payer.secret, new Date(Number(step) * STEP_SECONDS * 1000));
}

/**
 * The payer's code as a private message, in the JSON Telegram POSTs to the webhook (as in
 * test/support/telegram-fixtures.ts). A redelivery resends the same object; a retry after a
 * fault is a new message (`messageId`) with the next code.
 */
export async function codeUpdate(payment: PendingPayment, messageId = 1): Promise<Update> {
  const id = payment.payer.telegramId;
  const from = { id, is_bot: false, first_name: `chaos${id}`, username: `chaos${id}`, language_code: 'en' };
  const text = await nextCode(payment);
  nextUpdateId += 1;
  return {
    update_id: nextUpdateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: from.first_name },
      from,
      text,
    },
  } as Update;
}
