import { ConfigError, loadConfig } from '../config.js';
import { registerCommands } from './discord-commands.js';
import { discordRest } from './discord-rest.js';

/** `npm run discord:register`, with the token and application id (and server) from the environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_BOT_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID to register the slash commands.');
  }
  const count = await registerCommands(discordRest(config.DISCORD_BOT_TOKEN), config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID);
  console.log(`Registered ${count} slash commands ${config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : 'globally'}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
