import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { localeOf } from '../i18n/i18n.js';
import { requestCard } from '../replies/request-card.js';
import { evidenceOf } from './evidence.js';
import type { Leases } from './leases.js';
import type { Logger } from './logger.js';
import type { DirectTransport } from './transport.js';

/**
 * Cards still showing "open" whose request expired (or changed elsewhere) are edited to say so,
 * in the language each was posted in, on any platform. A card the platform cannot edit any more (deleted)
 * is settled; one whose edit failed otherwise is tried again next time. Each round claims the
 * `limit` cards looked at least recently under this process's lease, so two processes never edit
 * one card and cards whose requests stay open do not keep the rest from their turn; the leases are
 * given back when the round ends, which is once half the lease has passed (by the wallet's clock) at
 * the latest, so no edit is still under way when another process may take the card.
 */
export async function refreshExpiredCards(wallet: Wallet, store: AdapterStore, transport: DirectTransport, leases: Leases, logger?: Logger, limit = 50): Promise<void> {
  const platform = transport.platform;
  const now = wallet.now();
  const editBefore = now.getTime() + leases.ms / 2;
  const claimed = await store.claimMessagesShowing(platform, 'open', limit, { owner: leases.owner, now, leaseMs: leases.ms });
  try {
    for (const message of claimed) {
      if (wallet.now().getTime() >= editBefore) break;
      const request = await wallet.getRequest(message.ref.replace(/^request:/, ''));
      if (!request.ok || request.value.status === 'open') continue;
      // in the language it was posted in; one posted before that was kept, in its merchant's
      const locale = localeOf(message.locale ?? (await wallet.getUser(request.value.merchantId))?.locale);
      const card = await requestCard({ wallet, actor: { identity: { platform, platformUserId: '' } } }, request.value);
      const location = { chatId: message.chatId, messageId: message.messageId };
      try {
        const outcome = await transport.edit(location, card, locale);
        if (typeof outcome !== 'string') await outcome.after();
      } catch (error) {
        logger?.warn({ platform, card: message.ref, ...evidenceOf(error) }, 'expired card not edited, tried again later');
        continue;
      }
      await store.saveMessage(platform, message.ref, { ...location, shown: request.value.status, locale });
    }
  } finally {
    await store.releaseMessages(platform, leases.owner);
  }
}
