import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  Routes,
  type APIChatInputApplicationCommandInteractionData,
  type APIInteraction,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type REST,
} from 'discord.js';
import type { AdapterStore } from '../../core/ports/chat-store.js';
import type { Wallet } from '../../core/wallet.js';
import { deliver } from '../delivery/deliver.js';
import { createLogger, type Logger } from '../delivery/logger.js';
import { processLeases, type Leases } from '../delivery/leases.js';
import { runUpdate } from '../delivery/update-boundary.js';
import { challengeReplies, type Conversation } from '../handlers/conversation.js';
import { handle, handleAction, handleMessage } from '../handlers/handle.js';
import { localeOf, type Locale } from '../i18n/i18n.js';
import type { Intent } from '../intents/intent.js';
import { say, text, type Reply } from '../replies/reply.js';
import { keepAttachment, settleAttachment } from '../verify-attachments.js';
import { intentOfCommand, optionValues } from './discord-commands.js';
import { codeOf, documentOf, TIMEOUT, withinBudget, withHandles } from './discord-incoming.js';
import { discordPeople } from './discord-people.js';
import { CODE_FORM, codeForm, ENTER_CODE, messageOf } from './discord-render.js';
import { dmTransport, interactionTransport } from './discord-transport.js';
import { InteractionAnswer, type Respond } from './interaction-answer.js';

const PLATFORM = 'discord';

export interface DiscordDeps {
  wallet: Wallet;
  store: AdapterStore;
  /** REST client with the bot token; interaction callbacks and follow-ups go without it. */
  rest: REST;
  applicationId: string;
  /** Fetches an attachment's content (its CDN URL), for verification hashes. */
  download(url: string): Promise<Buffer>;
  logger?: Logger;
  /** This process's lease owner and length, for its claims on updates (one per process; a fresh one by default). */
  leases?: Leases;
  /** How long work may run before the interaction is deferred; Discord allows 3 seconds. */
  budgetMs?: number;
}

export interface DiscordAdapter {
  interaction(interaction: APIInteraction, respond: Respond): Promise<void>;
  /** A gateway message; only direct messages are read (servers use slash commands). */
  message(message: GatewayMessageCreateDispatchData): Promise<void>;
}

/** The gateway's way to answer: the interaction callback endpoint, which needs no bot token. */
export function respondByRest(rest: REST, interaction: APIInteraction): Respond {
  return async (response) => {
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, auth: false });
  };
}

/** An update's outcome: the code form to open, or replies; `verified` when a `/verify` may have used the kept file. */
type Work = { c: Conversation; verified?: string | boolean } & ({ form: ReturnType<typeof codeForm>; prompt: Reply } | { replies: Reply[] });

/**
 * Translates Discord interactions and direct messages into the shared handlers, and their replies
 * through the delivery layer into Discord calls. Each runs in the update boundary, its interaction
 * or message id claimed before any work, so a second delivery (or a replayed gateway event)
 * changes nothing. Answers inside a server are ephemeral; only request cards are public.
 */
export function createDiscordAdapter(deps: DiscordDeps): DiscordAdapter {
  const { wallet, store, rest } = deps;
  const budget = deps.budgetMs ?? 2_000;
  const logger = deps.logger ?? createLogger();
  const boundary = { store, logger, leases: deps.leases ?? processLeases(), now: () => wallet.now() };

  const { register, handleFor, conversationOf } = discordPeople(wallet, store);

  async function commandIntent(c: Conversation, data: APIChatInputApplicationCommandInteractionData): Promise<Intent | Reply> {
    const values = optionValues(data);
    const handles: Record<string, string> = {};
    for (const option of ['to', 'payer', 'user']) {
      const member = typeof values[option] === 'string' ? data.resolved?.users?.[values[option]] : undefined;
      if (!member) continue;
      const found = await handleFor(member);
      if (!found) return say(text('errors.user.not_found'));
      handles[option] = found;
    }
    const file = typeof values.file === 'string' ? data.resolved?.attachments?.[values.file] : undefined;
    if (file) {
      const hashed = await documentOf(deps.download, file);
      if (!hashed) return say(text('discord.file_too_large'));
      c.attachment = hashed;
    }
    return intentOfCommand(data.name, values, handles);
  }

  async function work(ix: Exclude<APIInteraction, { type: InteractionType.Ping }>, from: APIUser): Promise<Work> {
    const { user, created } = await register(from, ix.locale);
    const c = await conversationOf(user, from, ix.channel?.id ?? from.id, `discord:${ix.id}`, Boolean(ix.guild_id));
    if (ix.type === InteractionType.MessageComponent && ix.data.custom_id === ENTER_CODE) {
      const pending = await wallet.pendingChallenge(c.actor.identity);
      const prompt = pending ? (await challengeReplies(c, pending)).find((r) => r.asksForCode) : undefined;
      return { form: codeForm(prompt, c.locale), prompt: prompt ?? { ...say(text('ask.code')), asksForCode: true }, c };
    }
    if (ix.type === InteractionType.MessageComponent) return { c, replies: await handleAction(c, ix.data.custom_id) };
    if (ix.type === InteractionType.ModalSubmit && ix.data.custom_id === CODE_FORM) {
      const replies = await handle(c, { kind: 'confirm', code: codeOf(ix.data) });
      // a wrong code leaves the action waiting: offer the form again
      if (!replies.some((r) => r.asksForCode) && (await wallet.pendingChallenge(c.actor.identity)) && replies[0]) replies[0] = { ...replies[0], asksForCode: true };
      return { c, replies };
    }
    if (ix.type === InteractionType.ApplicationCommand && ix.data.type === ApplicationCommandType.ChatInput) {
      const intent = await commandIntent(c, ix.data as APIChatInputApplicationCommandInteractionData);
      const replies = 'kind' in intent ? await handle(c, intent, created) : [intent];
      return { c, replies, verified: 'kind' in intent && intent.kind === 'verify' };
    }
    return { c, replies: [say(text('hint.unknown'))] };
  }

  async function interaction(ix: APIInteraction, respond: Respond): Promise<void> {
    if (ix.type === InteractionType.Ping) return respond({ type: InteractionResponseType.Pong });
    if (ix.type === InteractionType.ApplicationCommandAutocomplete) return respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    const from = ix.member?.user ?? ix.user;
    if (!from) return;
    const locale = localeOf(ix.locale);
    const answer = new InteractionAnswer(deps, ix, respond);
    await runUpdate<Work>(boundary, { platform: PLATFORM, id: `ix:${ix.id}`, claim: true }, {
      work: () => work(ix, from),
      // the claim is part of the timed work: even a slow database cannot miss Discord's 3 seconds
      async wait(running) {
        const done = await withinBudget(running, budget);
        if (done !== TIMEOUT) return done;
        await answer.defer();
        return running;
      },
      // over the gateway Discord refuses a second answer, which needs no apology
      duplicate: () => answer.privately(say(text('discord.duplicate')), locale, false).catch(() => {}),
      async deliver(done) {
        // a form must be the first answer; after a deferral the prompt offers its button instead
        if ('form' in done && !answer.started) await answer.modal(done.form);
        else if ('form' in done) await answer.privately(done.prompt, done.c.locale, false);
        else await deliver(done.replies, { wallet, store, locale: done.c.locale, logger }, interactionTransport(rest, answer, ix, done.replies.length));
        if (done.verified) await settleAttachment(store, done.c, done.verified);
        await answer.finish();
      },
      apologize: (fault) => answer.fault(messageOf(fault, locale, true)),
    });
  }

  async function message(m: GatewayMessageCreateDispatchData): Promise<void> {
    if (m.guild_id || m.author.bot || m.webhook_id) return;
    let locale: Locale = 'en';
    await runUpdate<Work & { replies: Reply[] }>(boundary, { platform: PLATFORM, id: `msg:${m.id}`, claim: true }, {
      async work() {
        const { user, created } = await register(m.author);
        locale = localeOf(user.locale);
        const first = m.attachments[0];
        const hashed = first && (await documentOf(deps.download, first));
        if (hashed) await keepAttachment(wallet, store, { platform: PLATFORM, platformUserId: m.author.id }, hashed);
        const c = await conversationOf(user, m.author, m.channel_id, `discord:msg:${m.id}`);
        if (first && !hashed) return { c, replies: [say(text('discord.file_too_large'))] };
        const content = await withHandles(handleFor, m.content, m.mentions);
        if (content === '') return undefined;
        const replies = content === undefined ? [say(text('errors.user.not_found'))] : await handleMessage(c, content, created);
        return { c, replies, ...(content ? { verified: content } : {}) };
      },
      async deliver(done) {
        await deliver(done.replies, { wallet, store, locale: done.c.locale, logger }, dmTransport(rest, m.channel_id, m.author.id));
        if (done.verified) await settleAttachment(store, done.c, done.verified);
      },
      apologize: async (fault) => void (await rest.post(Routes.channelMessages(m.channel_id), { body: messageOf(fault, locale, false).body })),
    });
  }

  return { interaction, message };
}
