import type { Platform } from '../core/ports/index.js';
import type { Wallet } from '../core/wallet.js';
import type { AdapterStore } from './adapter-store.js';
import { requestCard } from './handlers/request-handlers.js';
import { localeOf, type Locale } from './i18n/i18n.js';
import type { Reply } from './replies/reply.js';

/**
 * Edits one posted card on its platform: 'settled' when it now shows the card (or is gone for
 * good, e.g. deleted), 'retry' when the edit should be tried again next round.
 */
export type EditCard = (location: { chatId: string; messageId: string }, card: Reply, locale: Locale) => Promise<'settled' | 'retry'>;

/** Cards still showing "open" whose request expired (or changed elsewhere) are edited to say so. */
export async function refreshExpiredCards(wallet: Wallet, store: AdapterStore, platform: Platform, edit: EditCard): Promise<void> {
  for (const message of await store.messagesShowing(platform, 'open', 50)) {
    const request = await wallet.getRequest(message.ref.replace(/^request:/, ''));
    if (!request.ok || request.value.status === 'open') continue;
    const locale = localeOf((await wallet.getUser(request.value.merchantId))?.locale);
    const card = await requestCard({ wallet, locale, actor: { identity: { platform, platformUserId: '' } } }, request.value);
    if ((await edit(message, card, locale)) === 'retry') continue;
    await store.saveMessage(platform, message.ref, { chatId: message.chatId, messageId: message.messageId, shown: request.value.status });
  }
}
