import { createHash, randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  Routes,
  type APIAttachment,
  type APIChatInputApplicationCommandInteractionData,
  type APIInteraction,
  type APIModalSubmission,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type REST,
} from 'discord.js';
import type { User } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import type { AdapterStore } from '../adapter-store.js';
import { challengeReplies, type Conversation } from '../handlers/conversation.js';
import { handle, handleAction, handleMessage } from '../handlers/handle.js';
import { localeOf, type Locale } from '../i18n/i18n.js';
import type { Intent } from '../intents/intent.js';
import { parseMessage } from '../intents/parse.js';
import { say, text, type Reply } from '../replies/reply.js';
import { intentOfCommand, optionValues } from './discord-commands.js';
import { sendToChannel, sendToUser } from './discord-messages.js';
import { CODE_FIELD, CODE_FORM, codeForm, ENTER_CODE, messageOf } from './discord-render.js';
import { InteractionAnswer, type Respond } from './interaction-answer.js';
import { deliverReplies } from './interaction-delivery.js';

const PLATFORM = 'discord';

export interface DiscordDeps {
  wallet: Wallet;
  store: AdapterStore;
  /** REST client with the bot token; interaction callbacks and follow-ups go without it. */
  rest: REST;
  applicationId: string;
  /** Fetches an attachment's content (its CDN URL), for verification hashes. */
  download(url: string): Promise<Buffer>;
  logError?: (...args: unknown[]) => void;
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

const TIMEOUT = Symbol('timeout');

function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function codeOf(data: APIModalSubmission): string {
  for (const component of data.components) {
    const inputs = component.type === ComponentType.Label ? [component.component] : component.type === ComponentType.ActionRow ? component.components : [];
    for (const input of inputs) if (input.custom_id === CODE_FIELD && 'value' in input && typeof input.value === 'string') return input.value.replace(/\s+/g, '');
  }
  return '';
}

/** Identity documents are photos or scans; anything larger is refused before it is downloaded. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

async function sha256Of(deps: DiscordDeps, attachment: Pick<APIAttachment, 'id' | 'url' | 'size'>) {
  if (attachment.size > MAX_DOCUMENT_BYTES) return undefined;
  const content = await deps.download(attachment.url);
  return { ref: `discord:${attachment.id}:${attachment.url.split('?')[0]}`, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * Translates Discord interactions and direct messages into the shared handlers, and their replies
 * into Discord calls. Interaction ids and message ids are claimed before any work, so a second
 * delivery (or a replayed gateway event) changes nothing. Answers inside a server are ephemeral:
 * nobody else sees a balance, a prompt or a code; only request cards are public.
 */
export function createDiscordAdapter(deps: DiscordDeps): DiscordAdapter {
  const { wallet, store, rest } = deps;
  const budget = deps.budgetMs ?? 2_000;
  const attachments = new Map<string, { ref: string; sha256: string }>();
  const log = deps.logError ?? console.error;

  async function register(from: APIUser, locale?: string) {
    return wallet.register({ platform: PLATFORM, platformUserId: from.id, username: from.username, ...(locale ? { locale: localeOf(locale) } : {}) });
  }

  /** The handle of a member who has a wallet, refreshed to their current username; undefined otherwise. */
  async function handleFor(member: APIUser): Promise<string | undefined> {
    if (!(await wallet.findUserByIdentity({ platform: PLATFORM, platformUserId: member.id }))) return undefined;
    await register(member);
    return member.username;
  }

  function conversationOf(user: User, from: APIUser, chatId: string, key: string): Conversation {
    const attachment = attachments.get(from.id);
    return {
      wallet,
      actor: { user, identity: { platform: PLATFORM, platformUserId: from.id } },
      locale: localeOf(user.locale),
      name: from.username,
      // an interaction's answers reach only its user (ephemeral), like a direct chat
      chat: 'direct',
      chatId,
      key,
      ...(attachment ? { attachment } : {}),
    };
  }

  async function commandIntent(c: Conversation, ix: { data: APIChatInputApplicationCommandInteractionData }): Promise<Intent | Reply> {
    const values = optionValues(ix.data);
    const handles: Record<string, string> = {};
    for (const option of ['to', 'payer', 'user']) {
      const member = typeof values[option] === 'string' ? ix.data.resolved?.users?.[values[option]] : undefined;
      if (!member) continue;
      const found = await handleFor(member);
      if (!found) return say(text('errors.user.not_found'));
      handles[option] = found;
    }
    const file = typeof values.file === 'string' ? ix.data.resolved?.attachments?.[values.file] : undefined;
    if (file) {
      const hashed = await sha256Of(deps, file);
      if (!hashed) return say(text('discord.file_too_large'));
      c.attachment = hashed;
    }
    return intentOfCommand(ix.data.name, values, handles);
  }

  type Work = { form: ReturnType<typeof codeForm>; prompt: Reply; c: Conversation } | { replies: Reply[]; c: Conversation };

  async function work(ix: Exclude<APIInteraction, { type: InteractionType.Ping }>, from: APIUser): Promise<Work> {
    const { user, created } = await register(from, ix.locale);
    const c = conversationOf(user, from, ix.channel?.id ?? from.id, `discord:${ix.id}`);
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
      const intent = await commandIntent(c, { data: ix.data as APIChatInputApplicationCommandInteractionData });
      const replies = 'kind' in intent ? await handle(c, intent, created) : [intent];
      if (c.attachment && 'kind' in intent && intent.kind === 'verify') attachments.delete(from.id);
      return { c, replies };
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
    const claim = `ix:${ix.id}`;
    let claimed = false;
    try {
      // the claim is part of the timed work: even a slow database cannot miss Discord's 3 seconds
      const running = (async () => {
        claimed = await store.markHandled(PLATFORM, claim);
        return claimed ? work(ix, from) : undefined;
      })();
      let done = await withinBudget(running, budget);
      if (done === TIMEOUT) {
        await answer.defer();
        done = await running;
      }
      if (!done) {
        // a second delivery of the same interaction changes nothing; over the gateway Discord
        // refuses a second answer, which needs no apology
        await answer.privately(say(text('discord.duplicate')), locale, false).catch(() => {});
        return;
      }
      // a form must be the first answer; after a deferral the prompt offers its button instead
      if ('form' in done && !answer.started) await answer.modal(done.form);
      else if ('form' in done) await answer.privately(done.prompt, done.c.locale, false);
      else await deliverReplies({ ...deps, log }, answer, ix, done.c, done.replies);
      await answer.finish();
    } catch (error) {
      if (claimed) await store.releaseHandled(PLATFORM, claim).catch(() => {});
      const id = randomBytes(4).toString('hex');
      log(`[${id}] discord interaction ${ix.id}`, error);
      await answer.fault(messageOf(say(text('fault', { id })), locale, true)).catch(() => {});
    }
  }

  /**
   * Mentions arrive as `<@id>`; members with a wallet become `@handle`, as typed elsewhere.
   * Undefined when someone mentioned has no wallet: a handle could name a stale holder instead.
   */
  async function withHandles(content: string, mentions: APIUser[]): Promise<string | undefined> {
    let result = content;
    for (const member of mentions) {
      const shown = await handleFor(member);
      if (!shown) return undefined;
      result = result.replace(new RegExp(`<@!?${member.id}>`, 'g'), ` @${shown} `);
    }
    return result.trim();
  }

  async function message(m: GatewayMessageCreateDispatchData): Promise<void> {
    if (m.guild_id || m.author.bot || m.webhook_id) return;
    const claim = `msg:${m.id}`;
    if (!(await store.markHandled(PLATFORM, claim))) return;
    let locale: Locale = 'en';
    try {
      const { user, created } = await register(m.author);
      locale = localeOf(user.locale);
      const first = m.attachments[0];
      const hashed = first && (await sha256Of(deps, first));
      if (first && !hashed) {
        await sendToChannel(deps, m.channel_id, say(text('discord.file_too_large')), locale);
        return;
      }
      if (hashed) attachments.set(m.author.id, hashed);
      const content = await withHandles(m.content, m.mentions);
      if (content === '') return;
      const c = conversationOf(user, m.author, m.channel_id, `discord:msg:${m.id}`);
      const replies = content === undefined ? [say(text('errors.user.not_found'))] : await handleMessage(c, content, created);
      for (const reply of replies) {
        if (reply.to.kind === 'direct' && reply.to.userId !== user.id) await sendToUser(deps, reply.to.userId, reply);
        else await sendToChannel(deps, m.channel_id, reply, c.locale);
      }
      if (c.attachment && content && parseMessage(content).kind === 'verify') attachments.delete(m.author.id);
    } catch (error) {
      await store.releaseHandled(PLATFORM, claim);
      const id = randomBytes(4).toString('hex');
      log(`[${id}] discord message ${m.id}`, error);
      await rest.post(Routes.channelMessages(m.channel_id), { body: messageOf(say(text('fault', { id })), locale, false).body }).catch(() => {});
    }
  }

  return { interaction, message };
}
