import type { KeyObject } from 'node:crypto';
import type { APIInteraction, APIInteractionResponse } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import { evidenceOf } from '../delivery/evidence.js';
import { createInFlight, type InFlight } from '../delivery/in-flight.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import type { DiscordAdapter } from '../discord/discord-adapter.js';
import { isSignedByDiscord } from '../discord/discord-signature.js';

const MAX_AGE_SECONDS = 300;

export interface DiscordRouteDeps {
  adapter: DiscordAdapter;
  publicKey: KeyObject;
  /** Structured JSON logs, as the update boundary writes them. */
  logger?: Logger;
  /** Counts each interaction until its follow-ups are done, so a shutdown waits for them. */
  inFlight?: InFlight;
}

/**
 * Discord's HTTP interactions endpoint. The signature covers the exact bytes, so this plugin keeps
 * JSON bodies as they arrived. The first answer is the HTTP response; follow-ups (files, public cards,
 * results of slow work) go through the interaction webhook once Discord has that response.
 */
export async function discordInteractionsRoute(app: FastifyInstance, deps: DiscordRouteDeps): Promise<void> {
  const logger = deps.logger ?? createLogger();
  const inFlight = deps.inFlight ?? createInFlight();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/discord/interactions', async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const timestamp = request.headers['x-signature-timestamp'] as string | undefined;
    const signed = isSignedByDiscord(deps.publicKey, timestamp, raw, request.headers['x-signature-ed25519'] as string | undefined);
    // a signed request is only good for a few minutes, so a captured one cannot be replayed later
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_AGE_SECONDS;
    if (!signed || !fresh) return reply.code(401).send({ error: 'invalid request signature' });
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
    } catch {
      return reply.code(400).send({ error: 'malformed JSON' });
    }
    const sent = new Promise<void>((resolve) => reply.raw.once('finish', resolve).once('close', resolve));
    let answered = false;
    const respond = async (response: APIInteractionResponse) => {
      answered = true;
      void reply.code(200).send(response);
      await sent;
    };
    inFlight
      .run(() => deps.adapter.interaction(interaction, respond))
      .catch((error: unknown) => logger.error({ platform: 'discord', update: interaction.id, ...evidenceOf(error) }, 'discord interaction failed outside its update boundary'))
      .finally(() => {
        if (!answered) void reply.code(400).send({ error: 'unsupported interaction' });
      });
    return reply;
  });
}
