import { Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../config.js';
import { discordCommands } from './discord-commands.js';
import { discordRest } from './discord-rest.js';

/**
 * `npm run discord:register`: replaces the application's slash commands with OKPay's, in one
 * bulk overwrite (safe to repeat). With DISCORD_GUILD_ID they are registered in that server only
 * and show at once, which suits testing; global commands reach every server.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_BOT_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to register the slash commands.');
  }
  const rest = discordRest(config.DISCORD_BOT_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, { body: discordCommands() })) as unknown[];
  console.log(`Registered ${registered.length} slash commands ${config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : 'globally'}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
