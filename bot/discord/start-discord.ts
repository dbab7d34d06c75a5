import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, type GatewayDispatchPayload, type REST } from 'discord.js';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Config } from '../config.js';
import { evidenceOf } from '../delivery/evidence.js';
import { processLeases } from '../delivery/leases.js';
import { createInFlight } from '../delivery/in-flight.js';
import { createLogger } from '../delivery/logger.js';
import type { ProcessDeps } from '../delivery/process-deps.js';
import { startNoticeLoop } from '../delivery/notice-loop.js';
import type { DiscordRouteDeps } from '../http/discord-route.js';
import { createDiscordAdapter, respondByRest, type DiscordAdapter } from './discord-adapter.js';
import { discordTransport } from './discord-transport.js';
import { discordRest, REST_OPTIONS } from './discord-rest.js';
import { discordPublicKey } from './discord-signature.js';

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`attachment download failed with HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

export interface GatewayOptions extends Pick<ProcessDeps, 'logger' | 'inFlight'> {
  /** Answers interactions; by default the client's own, which `client.destroy()` leaves without a token. */
  rest?: REST;
}

/**
 * Hands gateway events to the adapter as the raw JSON Discord sent, the same shape the HTTP
 * endpoint receives, so both paths run one code path. Each is counted in `inFlight` until done.
 */
export function connectGateway(client: Client, adapter: DiscordAdapter, options: GatewayOptions = {}): void {
  const logger = options.logger ?? createLogger();
  const inFlight = options.inFlight ?? createInFlight();
  const rest = options.rest ?? client.rest;
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t === GatewayDispatchEvents.InteractionCreate) {
      void inFlight.run(() => adapter.interaction(packet.d, respondByRest(rest, packet.d)));
    } else if (packet.t === GatewayDispatchEvents.MessageCreate) {
      inFlight
        .run(() => adapter.message(packet.d))
        .catch((error: unknown) => logger.error({ platform: 'discord', update: `msg:${packet.d.id}`, ...evidenceOf(error) }, 'update failed'));
    }
  });
}

export interface RunningDiscord {
  routes: { discord?: DiscordRouteDeps };
  /** Leaves the gateway, so no more events arrive; the updates in flight still answer over REST. */
  stopTaking(): Promise<void>;
  /** Stops everything: the gateway, the notice loop (waiting for its round), the client. */
  stop(): Promise<void>;
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
  { logger = createLogger(), leases = processLeases(), inFlight = createInFlight() }: ProcessDeps = {},
): Promise<RunningDiscord> {
  // direct messages carry their text without the privileged Message Content intent
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], rest: REST_OPTIONS });
  // a REST client of its own, so updates in flight can still answer once the gateway client is destroyed
  const rest = discordRest(config.DISCORD_BOT_TOKEN!);
  const adapter = createDiscordAdapter({ wallet, store, rest, applicationId: config.DISCORD_APPLICATION_ID!, download, logger, leases });
  connectGateway(client, adapter, { logger, inFlight, rest });
  await client.login(config.DISCORD_BOT_TOKEN);
  console.error(`OKPay Discord bot ${client.user?.tag ?? ''} on the gateway${config.DISCORD_PUBLIC_KEY ? ' and the HTTP interactions endpoint /discord/interactions' : ''}.`);

  const stopNotices = startNoticeLoop({ wallet, store, transport: discordTransport(rest), leases, logger });

  return {
    routes: config.DISCORD_PUBLIC_KEY ? { discord: { adapter, publicKey: discordPublicKey(config.DISCORD_PUBLIC_KEY), logger, inFlight } } : {},
    async stopTaking() {
      await client.destroy();
    },
    async stop() {
      await client.destroy();
      await stopNotices();
    },
  };
}
