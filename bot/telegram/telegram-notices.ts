import { GrammyError, type Api } from 'grammy';
import type { AdapterStore } from '../adapter-store.js';
import { refreshExpiredCards as refreshCards } from '../expired-cards.js';
import type { Wallet } from '../../core/wallet.js';
import { renderNotice } from '../replies/notices.js';
import { htmlOf, keyboardOf } from './telegram-render.js';

/**
 * Sends pending outbox notices to each Telegram identity of their wallet. A bot blocked by the
 * user (403) is recorded as a failed delivery, not retried; other failures (network, 429) leave
 * the notice pending for the next round, after waiting what Telegram asked for.
 */
export async function deliverTelegramNotices(wallet: Wallet, api: Api, limit = 50): Promise<{ delivered: number; retryLater: boolean }> {
  let delivered = 0;
  let retryLater = false;
  for (const notice of await wallet.pendingNotifications('telegram', limit)) {
    try {
      const user = await wallet.getUser(notice.userId);
      const locale = user?.locale ?? 'en';
      const reply = await renderNotice(wallet, notice, locale, 'telegram');
      const keyboard = keyboardOf(reply, locale);
      const chats = (await wallet.identitiesOf(notice.userId)).filter((i) => i.platform === 'telegram');
      for (const chat of chats) {
        await api.sendMessage(chat.platformUserId, htmlOf(reply, locale), { parse_mode: 'HTML', ...(keyboard ? { reply_markup: keyboard } : {}) });
      }
      await wallet.markNotificationDelivered(notice.id, 'telegram');
      delivered += 1;
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
        await wallet.markNotificationFailed(notice.id, 'telegram', error.description);
        continue;
      }
      // anything else (network, 429 beyond the API policy's patience) is tried again later;
      // the next notices still get their turn
      retryLater = true;
    }
  }
  return { delivered, retryLater };
}

/** Cards whose request expired since they were posted are edited to say so. */
export function refreshExpiredCards(wallet: Wallet, api: Api, store: AdapterStore): Promise<void> {
  return refreshCards(wallet, store, 'telegram', async (message, card, locale) => {
    try {
      await api.editMessageText(message.chatId, Number(message.messageId), htmlOf(card, locale), { parse_mode: 'HTML' });
      return 'settled';
    } catch (error) {
      // a deleted card or one already showing this needs no further edit; anything else is retried
      const settled = error instanceof GrammyError && /not modified|not found|can't be edited/i.test(error.description);
      return settled ? 'settled' : 'retry';
    }
  });
}
