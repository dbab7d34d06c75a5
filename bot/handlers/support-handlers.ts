import type { Ticket } from '../../core/ports/index.js';
import type { Intent } from '../intents/intent.js';
import type { Text } from '../i18n/i18n.js';
import { handleOf } from '../replies/handles.js';
import { idOf, ticketRef } from '../replies/refs.js';
import { say, sayToAll, text, type Reply } from '../replies/reply.js';
import { freezeIntent } from '../intents/freeze-words.js';
import { normalise } from '../intents/normalise.js';
import { freezeQuestion, handleFreeze } from './account-handlers.js';
import { errorReply, type Conversation } from './conversation.js';
import { ask, placeOf } from './follow-up.js';

/** How much of a ticket a list line shows, in code points. */
const FIRST_WORDS = 40;

function firstWords(message: string): string {
  const points = Array.from(message.replace(/\s+/g, ' '));
  return points.length > FIRST_WORDS ? `${points.slice(0, FIRST_WORDS).join('')}…` : points.join('');
}

function ageOf(c: Conversation, ticket: Ticket): Text {
  const minutes = Math.floor((c.wallet.now().getTime() - ticket.openedAt.getTime()) / 60_000);
  if (minutes < 1) return text('support.age.now');
  if (minutes < 60) return text('support.age.minutes', { n: minutes });
  if (minutes < 24 * 60) return text('support.age.hours', { n: Math.floor(minutes / 60) });
  return text('support.age.days', { n: Math.floor(minutes / (24 * 60)) });
}

/**
 * `/support MESSAGE`: opens a ticket, or asks for the message first. A message that reports stolen
 * money or asks to freeze also freezes the wallet (as it would without the word support), and
 * one that only suspects a payment is answered with the Freeze question too: the ticket is
 * opened either way, so the person loses neither their message nor the freeze.
 */
export async function handleSupport(c: Conversation, intent: Extract<Intent, { kind: 'support' }>): Promise<Reply[]> {
  if (!intent.message) return ask(c, intent, 'message', text('ask.support'));
  const opened = await c.wallet.openTicket({ key: c.key, actor: c.actor, chatId: c.chatId, text: intent.message });
  if (!opened.ok) return [errorReply(opened.error, c)];
  const sent = say(text('support.sent', { ref: ticketRef(opened.value.id) }));
  const alarm = freezeIntent(normalise(intent.message));
  if (alarm === 'freeze') return [...(await handleFreeze(c)), sent];
  return alarm === 'ask_freeze' ? [sent, freezeQuestion()] : [sent];
}

/** `/reply TICKET text`, operators only: asks for what is missing, names a ticket that does not exist. */
export async function handleReply(c: Conversation, intent: Extract<Intent, { kind: 'reply' }>): Promise<Reply[]> {
  if (!c.wallet.isOperator(c.actor.identity)) return [say(text('errors.operator.required'))];
  const ticketId = idOf(intent.ticket, 'S');
  if (!intent.ticket || !ticketId) return ask(c, intent, 'ticket', text('ask.ticket'));
  const noSuchTicket = say(text('errors.support.not_found', { ticket: intent.ticket }));
  if (!intent.message) return (await c.wallet.findTicket(ticketId)) ? ask(c, intent, 'message', text('ask.answer', { ref: intent.ticket })) : [noSuchTicket];
  const answered = await c.wallet.answerTicket({ key: c.key, operator: c.actor, ticketId, text: intent.message });
  if (!answered.ok) return [answered.error.code === 'support.not_found' ? noSuchTicket : errorReply(answered.error, c)];
  const { userId, from } = answered.value;
  const who = `@${await handleOf(c.wallet, userId, from.platform)}`;
  return [say(text('support.answered', { ref: intent.ticket, who, platform: from.platform }))];
}

/** `/tickets`: an operator sees the open tickets, anyone else their own with their status; newest first. */
export async function handleTickets(c: Conversation): Promise<Reply[]> {
  const { scope, tickets } = await c.wallet.listTickets(c.actor);
  if (tickets.length === 0) return [say(text(scope === 'open' ? 'support.none_open' : 'support.none_own'))];
  const lines = await Promise.all(
    tickets.map(async (ticket) => {
      const common = { ref: ticketRef(ticket.id), age: ageOf(c, ticket), words: firstWords(ticket.text) };
      if (scope === 'own') return text('support.own_line', { ...common, status: text(`support.status.${ticket.status}`) });
      const who = `@${await handleOf(c.wallet, ticket.userId, ticket.from.platform)}`;
      return text('support.open_line', { ...common, who, userId: ticket.userId, platform: ticket.from.platform });
    }),
  );
  return [say(text(scope === 'open' ? 'support.open_list' : 'support.own_list'), ...lines)];
}

/**
 * The answer to a message the bot did not understand; every third in a row in this chat also
 * offers a person's help (`/support`).
 */
export async function notUnderstood(c: Conversation): Promise<Reply[]> {
  const offer = await c.wallet.misread(placeOf(c), c.key);
  return [sayToAll(text('hint.unknown'), ...(offer ? [text('hint.support')] : []))];
}

/** An understood message ends the run of misunderstood ones in this chat. */
export function understood(c: Conversation): Promise<void> {
  return c.wallet.understood(placeOf(c));
}
