import {
  DiscordAPIError,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  type REST,
} from 'discord.js';
import type { Locale } from '../i18n/i18n.js';
import { say, text, type Reply } from '../replies/reply.js';
import { codeForm, messageOf, type DiscordMessage } from './discord-render.js';

/** How the first answer to an interaction leaves: the HTTP response body, or the callback endpoint. */
export type Respond = (response: APIInteractionResponse) => Promise<void>;

/**
 * Over HTTP the first answer leaves in our response, and Discord may not have stored it when the
 * next call arrives: reading or editing it (404 Unknown Message) or following it up (404 Unknown
 * Webhook). Such a call is tried again briefly, a few times; a 404 created nothing, so a retried
 * follow-up still arrives once.
 */
async function onceAnswerStored<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.status === 404) || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * The answers to one interaction, in Discord's order: exactly one first response (a message, a
 * form, an in-place update or a "thinking…" deferral) within 3 seconds, then follow-ups through
 * the interaction's webhook. Inside a server every private answer is ephemeral.
 */
export class InteractionAnswer {
  private state: 'none' | 'deferred' | 'answered' = 'none';
  private placeholder = false;
  private readonly inServer: boolean;

  constructor(
    private readonly deps: { rest: REST; applicationId: string },
    private readonly ix: APIInteraction,
    private readonly respond: Respond,
  ) {
    this.inServer = Boolean(ix.guild_id);
  }

  private get webhook() {
    return Routes.webhook(this.deps.applicationId, this.ix.token);
  }

  private get original() {
    return Routes.webhookMessage(this.deps.applicationId, this.ix.token, '@original');
  }

  get started(): boolean {
    return this.state !== 'none';
  }

  async first(message: DiscordMessage): Promise<void> {
    this.state = 'answered';
    await this.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: message.body });
  }

  async defer(): Promise<void> {
    this.state = 'deferred';
    this.placeholder = true;
    await this.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: this.inServer ? { flags: MessageFlags.Ephemeral } : {} });
  }

  async modal(form: ReturnType<typeof codeForm>): Promise<void> {
    if (this.state !== 'none') throw new Error('a form can only be the first answer');
    this.state = 'answered';
    await this.respond({ type: InteractionResponseType.Modal, data: form });
  }

  private async followUp(message: DiscordMessage): Promise<APIMessage> {
    return onceAnswerStored(async () => (await this.deps.rest.post(this.webhook, { body: message.body, files: message.files, auth: false })) as APIMessage);
  }

  private async fillPlaceholder(message: DiscordMessage): Promise<APIMessage> {
    this.placeholder = false;
    const { flags: _ignored, ...body } = message.body;
    return onceAnswerStored(async () => (await this.deps.rest.patch(this.original, { body, files: message.files, auth: false })) as APIMessage);
  }

  /**
   * A reply for this user only. Asked for a code and nothing else to say, the first answer is the
   * code form itself; files cannot ride on a first answer, so those wait behind a deferral.
   */
  async privately(reply: Reply, locale: Locale, alone: boolean): Promise<void> {
    const message = messageOf(reply, locale, this.inServer);
    if (this.state === 'none') {
      // a submitted form cannot be answered with another form
      const formAllowed = this.ix.type !== InteractionType.ModalSubmit;
      if (reply.asksForCode && alone && formAllowed && !reply.image && !reply.file) return this.modal(codeForm(reply, locale));
      if (!message.files.length) return this.first(message);
      await this.defer();
    }
    if (this.placeholder) await this.fillPlaceholder(message);
    else await this.followUp(message);
  }

  /** A public message (a new request card); its location is returned so it can be edited later. */
  async publicly(message: DiscordMessage, locale: Locale): Promise<APIMessage> {
    if (this.state === 'none') {
      await this.first(message);
      return onceAnswerStored(async () => (await this.deps.rest.get(this.original, { auth: false })) as APIMessage);
    }
    if (this.placeholder && !this.inServer) return this.fillPlaceholder(message);
    // the first follow-up would inherit the private "thinking…" answer: resolve that one first
    if (this.placeholder) await this.fillPlaceholder(messageOf(say(text('discord.posted')), locale, true));
    return this.followUp(message);
  }

  /** A button pressed on the card itself: the first answer can replace the card in place. */
  async updateCard(messageId: string, message: DiscordMessage): Promise<boolean> {
    const pressedOn = this.ix.type === InteractionType.MessageComponent || this.ix.type === InteractionType.ModalSubmit ? this.ix.message?.id : undefined;
    if (this.state !== 'none' || pressedOn !== messageId) return false;
    this.state = 'answered';
    await this.respond({ type: InteractionResponseType.UpdateMessage, data: message.body });
    return true;
  }

  /**
   * Answers now if nothing has yet, without a message: a press silently, anything else with
   * "thinking…". Work elsewhere (a card edited in its channel) comes after this.
   */
  async acknowledge(): Promise<void> {
    if (this.state !== 'none') return;
    // only a button press, or a form opened from a button, can be acknowledged without a message
    const pressed = this.ix.type === InteractionType.MessageComponent || (this.ix.type === InteractionType.ModalSubmit && Boolean(this.ix.message));
    if (!pressed) return this.defer();
    this.state = 'answered';
    await this.respond({ type: InteractionResponseType.DeferredMessageUpdate });
  }

  /** Every interaction gets its answer, and a deferral nothing filled is removed. */
  async finish(): Promise<void> {
    await this.acknowledge();
    if (this.placeholder) await onceAnswerStored(() => this.deps.rest.delete(this.original, { auth: false }));
  }

  async fault(message: DiscordMessage): Promise<void> {
    if (this.state === 'none') return this.first(message);
    if (this.placeholder) {
      await this.fillPlaceholder(message);
      return;
    }
    await this.followUp(message);
  }
}
