import { DiscordAPIError, Routes } from 'discord.js';
import { refreshExpiredCards } from '../expired-cards.js';
import { localeOf } from '../i18n/i18n.js';
import { renderNotice } from '../replies/notices.js';
import { isDmClosed, sendToUser, type DiscordSender } from './discord-messages.js';
import { messageOf } from './discord-render.js';

const PLATFORM = 'discord';

/**
 * Sends pending outbox notices (payment alerts with a Freeze button, security events) by DM to
 * each Discord identity of their wallet. A user whose DMs are closed is recorded as a failed
 * delivery, not retried; other failures (network, rate limits) leave the notice for the next round.
 */
export async function deliverDiscordNotices(deps: DiscordSender, limit = 50): Promise<{ delivered: number; retryLater: boolean }> {
  let delivered = 0;
  let retryLater = false;
  for (const notice of await deps.wallet.pendingNotifications(PLATFORM, limit)) {
    try {
      const locale = localeOf((await deps.wallet.getUser(notice.userId))?.locale);
      const reply = await renderNotice(deps.wallet, notice, locale, PLATFORM);
      if (await sendToUser(deps, notice.userId, reply)) {
        await deps.wallet.markNotificationDelivered(notice.id, PLATFORM);
        delivered += 1;
      } else {
        await deps.wallet.markNotificationFailed(notice.id, PLATFORM, 'direct messages closed');
      }
    } catch (error) {
      if (isDmClosed(error)) {
        await deps.wallet.markNotificationFailed(notice.id, PLATFORM, 'direct messages closed');
        continue;
      }
      retryLater = true;
    }
  }
  return { delivered, retryLater };
}

/** Cards whose request expired since they were posted are edited to say so. */
export function refreshExpiredDiscordCards(deps: DiscordSender): Promise<void> {
  return refreshExpiredCards(deps.wallet, deps.store, PLATFORM, async (message, card, locale) => {
    try {
      await deps.rest.patch(Routes.channelMessage(message.chatId, message.messageId), { body: messageOf(card, locale, false).body });
      return 'settled';
    } catch (error) {
      // a deleted card (10008 Unknown Message) or channel needs no edit; anything else is retried
      const gone = error instanceof DiscordAPIError && (error.code === 10008 || error.code === 10003 || error.status === 403);
      return gone ? 'settled' : 'retry';
    }
  });
}
