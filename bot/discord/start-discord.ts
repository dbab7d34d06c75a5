import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, type GatewayDispatchPayload } from 'discord.js';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Config } from '../config.js';
import { evidenceOf } from '../delivery/evidence.js';
import { processLeases, type Leases } from '../delivery/leases.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import { startNoticeLoop } from '../delivery/notice-loop.js';
import type { DiscordRouteDeps } from '../http/discord-route.js';
import { createDiscordAdapter, respondByRest, type DiscordAdapter } from './discord-adapter.js';
import { discordTransport } from './discord-transport.js';
import { REST_OPTIONS } from './discord-rest.js';
import { discordPublicKey } from './discord-signature.js';

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`attachment download failed with HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Hands gateway events to the adapter as the raw JSON Discord sent, the same shape the HTTP
 * endpoint receives, so both paths run one code path.
 */
export function connectGateway(client: Client, adapter: DiscordAdapter, logger: Logger = createLogger()): void {
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t === GatewayDispatchEvents.InteractionCreate) {
      void adapter.interaction(packet.d, respondByRest(client.rest, packet.d));
    } else if (packet.t === GatewayDispatchEvents.MessageCreate) {
      adapter.message(packet.d).catch((error: unknown) => logger.error({ platform: 'discord', update: `msg:${packet.d.id}`, ...evidenceOf(error) }, 'update failed'));
    }
  });
}

/**
 * Runs the Discord bot: the gateway (interactions, direct messages) through discord.js, and, with
 * DISCORD_PUBLIC_KEY, the HTTP interactions endpoint for the shared server. Outbox alerts go out
 * by DM every few seconds; expired request cards are edited to say so.
 */
export async function startDiscord(
  config: Config,
  wallet: Wallet,
  store: AdapterStore,
  logger: Logger = createLogger(),
  leases: Leases = processLeases(),
): Promise<{ routes: { discord?: DiscordRouteDeps }; stop(): Promise<void> }> {
  // direct messages carry their text without the privileged Message Content intent
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], rest: REST_OPTIONS });
  const rest = client.rest.setToken(config.DISCORD_BOT_TOKEN!);
  const adapter = createDiscordAdapter({ wallet, store, rest, applicationId: config.DISCORD_APPLICATION_ID!, download, logger, leases });
  connectGateway(client, adapter, logger);
  await client.login(config.DISCORD_BOT_TOKEN);
  console.error(`OKPay Discord bot ${client.user?.tag ?? ''} on the gateway${config.DISCORD_PUBLIC_KEY ? ' and the HTTP interactions endpoint /discord/interactions' : ''}.`);

  const stopNotices = startNoticeLoop({ wallet, store, transport: discordTransport(rest), leases, logger });

  return {
    routes: config.DISCORD_PUBLIC_KEY ? { discord: { adapter, publicKey: discordPublicKey(config.DISCORD_PUBLIC_KEY), logger } } : {},
    async stop() {
      await stopNotices();
      await client.destroy();
    },
  };
}
