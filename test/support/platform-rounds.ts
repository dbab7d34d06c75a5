import type { REST } from 'discord.js';
import type { Api } from 'grammy';
import { discordTransport } from '../../bot/discord/discord-transport.js';
import { refreshExpiredCards as refreshCards } from '../../bot/delivery/card-refresher.js';
import { processLeases } from '../../bot/delivery/leases.js';
import { deliverNotices, type NoticeRound } from '../../bot/delivery/notice-loop.js';
import { telegramTransport } from '../../bot/telegram/telegram-transport.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';

/**
 * One round of the delivery layer's notice loop and card refresher on a platform's transport, run
 * by hand: production runs them on a timer (startNoticeLoop), tests one round at a time. Each
 * round finishes or gives back what it claims, so it runs under a lease of its own.
 */
export function deliverTelegramNotices(wallet: Wallet, api: Api, limit = 50): Promise<NoticeRound> {
  return deliverNotices(wallet, telegramTransport(api), processLeases(), limit);
}

export function refreshExpiredCards(wallet: Wallet, api: Api, store: AdapterStore): Promise<void> {
  return refreshCards(wallet, store, telegramTransport(api), processLeases());
}

export interface DiscordSender {
  wallet: Wallet;
  store: AdapterStore;
  rest: REST;
}

export function deliverDiscordNotices(deps: DiscordSender, limit = 50): Promise<NoticeRound> {
  return deliverNotices(deps.wallet, discordTransport(deps.rest), processLeases(), limit);
}

export function refreshExpiredDiscordCards(deps: DiscordSender): Promise<void> {
  return refreshCards(deps.wallet, deps.store, discordTransport(deps.rest), processLeases());
}
