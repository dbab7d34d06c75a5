import { generateKeyPairSync, sign } from 'node:crypto';
import { Client, Events } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createInFlight } from '../../bot/delivery/in-flight.js';
import type { DiscordAdapter } from '../../bot/discord/discord-adapter.js';
import { discordPublicKey } from '../../bot/discord/discord-signature.js';
import { connectGateway } from '../../bot/discord/start-discord.js';
import { buildServer } from '../../bot/http/server.js';
import { directMessage, discordPerson, slashCommand } from '../support/discord-fixtures.js';

const alice = discordPerson('1100000000000000001', 'alice');

/** An adapter whose every update, once answered, waits for `finish` (its follow-ups, say). */
function slowAdapter() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const adapter: DiscordAdapter = {
    async interaction(_interaction, respond) {
      await respond({ type: 4, data: { content: 'first answer' } });
      await done;
    },
    message: () => done,
  };
  return { adapter, finish };
}

describe('Discord updates counted for a shutdown, where they enter', () => {
  it('counts gateway interactions and direct messages until they are done', async () => {
    const { adapter, finish } = slowAdapter();
    const inFlight = createInFlight();
    const client = new Client({ intents: [] });
    connectGateway(client, adapter, { inFlight, rest: { post: async () => undefined } as never });
    client.emit(Events.Raw, { op: 0, s: 1, t: 'INTERACTION_CREATE', d: slashCommand(alice, 'guild', 'help') });
    client.emit(Events.Raw, { op: 0, s: 2, t: 'MESSAGE_CREATE', d: directMessage(alice, 'balance') });
    expect(inFlight.size).toBe(2);
    finish();
    expect(await inFlight.drain(60_000)).toBe(true);
    await client.destroy();
  });

  it('counts an HTTP interaction past its HTTP answer, until its follow-ups are done', async () => {
    const { adapter, finish } = slowAdapter();
    const inFlight = createInFlight();
    const keys = generateKeyPairSync('ed25519');
    const publicHex = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
    const app = buildServer({ discord: { adapter, publicKey: discordPublicKey(publicHex), inFlight } });
    const body = JSON.stringify(slashCommand(alice, 'guild', 'help'));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
    const response = await app.inject({
      method: 'POST',
      url: '/discord/interactions',
      payload: body,
      headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature },
    });
    expect(response.json()).toEqual({ type: 4, data: { content: 'first answer' } });
    expect(inFlight.size).toBe(1);
    finish();
    expect(await inFlight.drain(60_000)).toBe(true);
    await app.close();
  });
});
