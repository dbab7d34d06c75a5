import { REST, type RESTOptions } from 'discord.js';

/**
 * Discord REST goes through the runtime's fetch rather than the undici default: one HTTP stack for
 * the whole app, and the one test interceptors see.
 */
export const REST_OPTIONS: Partial<RESTOptions> = {
  makeRequest: (url, init) => globalThis.fetch(url, init as RequestInit) as never,
};

export function discordRest(token: string): REST {
  return new REST(REST_OPTIONS).setToken(token);
}
