import type { Api } from 'grammy';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { refreshExpiredCards as refreshCards } from '../delivery/card-refresher.js';
import { deliverNotices, type NoticeRound } from '../delivery/notice-loop.js';
import { telegramTransport } from './telegram-transport.js';

/** One notice round to every linked Telegram chat; a bot blocked by the user is recorded as a failed delivery. */
export function deliverTelegramNotices(wallet: Wallet, api: Api, limit = 50): Promise<NoticeRound> {
  return deliverNotices(wallet, telegramTransport(api), limit);
}

/** Cards whose request expired since they were posted are edited to say so. */
export function refreshExpiredCards(wallet: Wallet, api: Api, store: AdapterStore): Promise<void> {
  return refreshCards(wallet, store, telegramTransport(api));
}
