import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { localeOf } from '../i18n/i18n.js';
import { renderNotice } from '../replies/notices.js';
import { refreshExpiredCards } from './card-refresher.js';
import { returnExpiredClaims } from './claim-returner.js';
import { postToPerson } from './deliver.js';
import { evidenceOf } from './evidence.js';
import type { Leases } from './leases.js';
import type { Logger } from './logger.js';
import type { DirectTransport } from './transport.js';

export interface NoticeRound {
  delivered: number;
  failed: number;
  /** Something failed that may pass later (network, rate limits): the next round waits longer. */
  retryLater: boolean;
}

/**
 * One round of outbox notices for a platform: the notices this process claims (under its lease,
 * so no other process sends them too) are rendered in each user's language and sent to each of
 * their direct chats there. Reaching one is a delivery; a platform that refuses them all (bot
 * blocked, direct messages closed) is recorded as a failed delivery and not retried; anything else
 * gives the notice back for a later round, and the notices after it still get their turn. While
 * the round sends, its leases are renewed every third of a lease, so a slow send (a platform's
 * rate-limit wait) keeps its notice; once half the lease has passed (by the wallet's clock, which
 * judges it) the rest are given back unsent, so a round stays short and a stop does not wait long.
 */
export async function deliverNotices(wallet: Wallet, transport: DirectTransport, leases: Leases, limit = 50, logger?: Logger): Promise<NoticeRound> {
  const round: NoticeRound = { delivered: 0, failed: 0, retryLater: false };
  const platform = transport.platform;
  const sendBefore = wallet.now().getTime() + leases.ms / 2;
  const claimed = await wallet.claimNotifications(platform, limit, leases);
  // the process's own pacing, so real time; the lease itself is judged by the wallet's clock
  const renewal = setInterval(() => void wallet.renewNotificationLeases(platform, leases).catch(() => {}), leases.ms / 3);
  renewal.unref();
  try {
    await sendClaimed();
  } finally {
    clearInterval(renewal);
  }
  return round;

  async function sendClaimed(): Promise<void> {
    for (const [index, notice] of claimed.entries()) {
      if (wallet.now().getTime() >= sendBefore) {
        for (const unsent of claimed.slice(index)) await wallet.releaseNotification(unsent.id, platform, leases.owner);
        break;
      }
      try {
        const locale = localeOf((await wallet.getUser(notice.userId))?.locale);
        const reply = await renderNotice(wallet, notice, locale, platform);
        const sent = await postToPerson(wallet, transport, notice.userId, reply, locale);
        if (sent.reached) {
          await wallet.markNotificationDelivered(notice.id, platform);
          round.delivered += 1;
        } else {
          await wallet.markNotificationFailed(notice.id, platform, sent.refusals[0] ?? `no ${platform} chat`);
          round.failed += 1;
        }
      } catch (error) {
        logger?.warn({ platform, notice: notice.id, ...evidenceOf(error) }, 'notice not delivered, tried again later');
        round.retryLater = true;
        await wallet.releaseNotification(notice.id, platform, leases.owner);
      }
    }
  }
}

export interface NoticeLoopDeps {
  wallet: Wallet;
  store: AdapterStore;
  transport: DirectTransport;
  leases: Leases;
  logger: Logger;
  everyMs?: number;
}

/**
 * The one notice loop of a platform: every 2 s the claim returner, a notice round, then the expired-card refresher,
 * never two rounds at once. After a round that asks to retry later it waits 2, 4, 8 … up to
 * 120 s before the next. Pacing is the process's own timer, not a business decision, so it uses
 * the real time. Returns a stop that ends the timer, waits for a round under way, then gives back
 * this process's notice leases on the platform, so another process sends them at once instead of
 * when the leases expire.
 */
export function startNoticeLoop(deps: NoticeLoopDeps): () => Promise<void> {
  let round: Promise<void> | undefined;
  let failures = 0;
  let nextAttempt = 0;
  const platform = deps.transport.platform;
  const timer = setInterval(() => {
    if (round || Date.now() < nextAttempt) return;
    round = returnExpiredClaims(deps.wallet, deps.leases, deps.logger)
      .then(() => deliverNotices(deps.wallet, deps.transport, deps.leases, 50, deps.logger))
      .then(async ({ retryLater }) => {
        failures = retryLater ? failures + 1 : 0;
        nextAttempt = failures ? Date.now() + Math.min(2_000 * 2 ** failures, 120_000) : 0;
        await refreshExpiredCards(deps.wallet, deps.store, deps.transport, deps.leases, deps.logger);
      })
      .catch((error: unknown) => deps.logger.error({ platform, ...evidenceOf(error) }, 'notice round failed'))
      .finally(() => (round = undefined));
  }, deps.everyMs ?? 2_000);
  return async () => {
    clearInterval(timer);
    await round;
    await deps.wallet.releaseNotificationLeases(deps.leases.owner, platform);
  };
}
