import type { REST } from 'discord.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { refreshExpiredCards } from '../delivery/card-refresher.js';
import { deliverNotices, type NoticeRound } from '../delivery/notice-loop.js';
import { discordTransport } from './discord-transport.js';

export interface DiscordSender {
  wallet: Wallet;
  store: AdapterStore;
  rest: REST;
}

/** One notice round by DM to every linked Discord account; closed DMs are recorded as a failed delivery. */
export function deliverDiscordNotices(deps: DiscordSender, limit = 50): Promise<NoticeRound> {
  return deliverNotices(deps.wallet, discordTransport(deps.rest), limit);
}

/** Cards whose request expired since they were posted are edited to say so. */
export function refreshExpiredDiscordCards(deps: DiscordSender): Promise<void> {
  return refreshExpiredCards(deps.wallet, deps.store, discordTransport(deps.rest));
}
