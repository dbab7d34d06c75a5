import type { Update } from 'grammy/types';
import { codeAt, STEP_SECONDS } from '../core/security/totp.js';
import type { PendingPayment } from './seed-payments.js';

let nextUpdateId = 700_000;

/**
 * The payer's authenticator code as a private message, the JSON Telegram POSTs to the webhook
 * (as in test/support/telegram-fixtures.ts). The code is the next step's, valid for a minute
 * or more, so slow takeovers still see a live code; `messageId` tells a retry from a redelivery.
 */
export function codeUpdate(payment: PendingPayment, messageId = 1): Update {
  const id = payment.payer.telegramId;
  const from = { id, is_bot: false, first_name: `chaos${id}`, username: `chaos${id}`, language_code: 'en' };
  nextUpdateId += 1;
  return {
    update_id: nextUpdateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: 'private', first_name: from.first_name },
      from,
      text: codeAt(payment.payer.secret, new Date(Date.now() + STEP_SECONDS * 1000)),
    },
  } as Update;
}
