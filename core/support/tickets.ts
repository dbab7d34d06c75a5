import type { Actor, WalletContext } from '../context.js';
import { fail, ok, type Outcome } from '../errors.js';
import { checkKey } from '../idempotency.js';
import type { ChatPlace, Keyed, Ticket, UserId } from '../ports/index.js';
import { codePointLength, wellFormed } from '../text.js';

/** Long enough for what happened and a transfer reference or two; a whole story belongs in several tickets. */
export const MAX_TICKET_LENGTH = 1000;
/** How many tickets a list shows: the newest, so an operator's chat is never flooded. */
export const TICKET_LIST_LIMIT = 20;

/** Text as it will be stored: well-formed, trimmed, present and within the limit by code points — never cut. */
function checkText(text: string | undefined): Outcome<string> {
  const trimmed = wellFormed(text ?? '').trim();
  if (!trimmed) return fail('support.empty');
  if (codePointLength(trimmed) > MAX_TICKET_LENGTH) return fail('support.too_long', { max: MAX_TICKET_LENGTH });
  return ok(trimmed);
}

const settled = (written: Keyed<Ticket>): Outcome<Ticket> => ('done' in written ? ok(written.done) : fail('idempotency.conflict'));

/**
 * The operators' wallets, to be told of a ticket. An operator identity (ADMIN_IDS) that has no
 * wallet yet has nowhere to be told — notices go to wallets — so it learns of tickets opened only
 * after its first `/start`, and `/tickets` shows it the ones before. One wallet with several
 * operator identities is told once.
 */
async function operatorWallets(ctx: WalletContext): Promise<UserId[]> {
  const wallets = await Promise.all(ctx.operators.map((identity) => ctx.store.users.findUserByIdentity(identity)));
  return [...new Set(wallets.flatMap((user) => (user ? [user.id] : [])))];
}

/**
 * Help from a person: the ticket is stored with the platform, identity and chat it came from (the
 * answer goes back there) and every operator is told in the same transaction, through the outbox,
 * so a crash between the two can neither lose the message nor tell nobody. Keyed by the message:
 * a redelivered update returns the first ticket instead of opening a second one. A frozen or closed
 * wallet may still write — that is exactly when people need someone.
 */
export async function openTicket(ctx: WalletContext, input: { key: string; actor: Actor; chatId: string; text: string | undefined }): Promise<Outcome<Ticket>> {
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const text = checkText(input.text);
  if (!text.ok) return text;
  const from: ChatPlace = { ...input.actor.identity, chatId: input.chatId };
  const opened = await ctx.store.support.open({
    userId: input.actor.user.id,
    from,
    text: text.value,
    openedAt: ctx.clock.now(),
    openKey: input.key,
    operatorIds: await operatorWallets(ctx),
  });
  return settled(opened);
}

/**
 * An operator's answer: stored on the ticket and sent to its writer on the platform the ticket
 * came from only (where they are waiting for it), keyed by the operator's message so a redelivery
 * answers once. An operator may answer a ticket again, and may not answer their own.
 */
export async function answerTicket(ctx: WalletContext, input: { key: string; operator: Actor; ticketId: string; text: string | undefined }): Promise<Outcome<Ticket>> {
  if (!ctx.isOperator(input.operator.identity)) return fail('operator.required');
  const key = checkKey(input.key);
  if (!key.ok) return key;
  const text = checkText(input.text);
  if (!text.ok) return text;
  const ticket = await ctx.store.support.get(input.ticketId);
  if (!ticket) return fail('support.not_found', { ticket: input.ticketId });
  if (ticket.userId === input.operator.user.id) return fail('operator.self');
  const answered = await ctx.store.support.answer({
    ticketId: ticket.id,
    operatorId: input.operator.user.id,
    text: text.value,
    answeredAt: ctx.clock.now(),
    answerKey: input.key,
  });
  return answered ? settled(answered) : fail('support.not_found', { ticket: input.ticketId });
}

/** What `/tickets` shows: an operator the open tickets of everyone, anyone else their own; newest first, bounded. */
export async function listTickets(ctx: WalletContext, actor: Actor): Promise<{ scope: 'open' | 'own'; tickets: Ticket[] }> {
  if (ctx.isOperator(actor.identity)) return { scope: 'open', tickets: await ctx.store.support.listOpen(TICKET_LIST_LIMIT) };
  return { scope: 'own', tickets: await ctx.store.support.listForUser(actor.user.id, TICKET_LIST_LIMIT) };
}
