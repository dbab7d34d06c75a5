import type { ButtonAction } from '../../core/actions/button-action.js';
import type { ClaimCreated } from '../../core/claims/create-claim.js';
import { claimExpiry } from '../../core/claims/prepare-claim.js';
import { money, toCurrencyCode, type Money } from '../../core/money/index.js';
import type { Claim, Redemption } from '../../core/ports/index.js';
import { formatAmount, formatDate, type Text } from '../i18n/i18n.js';
import type { Intent } from '../intents/intent.js';
import { handleOf } from '../replies/handles.js';
import { withFreeze } from '../replies/notices.js';
import { claimRef, transferRef } from '../replies/refs.js';
import { say, sayToAll, text, type Button, type Reply } from '../replies/reply.js';
import { challengeReplies, errorReply, type Conversation } from './conversation.js';
import { amountOf, amountOrAsk, refusalOf } from './slots.js';

/**
 * The group a claim asked for here is posted in once confirmed; asked for in a direct chat, the
 * sender forwards it. A Discord server's answers are private to the writer (`fleeting`), but its
 * channel is still where the claim was asked for.
 */
const roomOf = (c: Conversation) => (c.chat === 'group' || c.fleeting ? c.chatId : undefined);

/** `/cheque 30 CNY count 3 once`: money held for the first people who open its link, confirmed with a code. */
export async function handleCheque(c: Conversation, intent: Extract<Intent, { kind: 'cheque' }>): Promise<Reply[]> {
  const refusal = refusalOf(c, intent);
  if (refusal) return [refusal];
  const amount = await amountOrAsk(c, intent);
  if (Array.isArray(amount)) return amount;
  const prepared = await c.wallet.prepareClaim({
    key: c.key,
    actor: c.actor,
    amount,
    memo: intent.memo,
    slots: intent.count ?? 1,
    forHandle: intent.forHandle,
    once: intent.once ?? false,
    room: roomOf(c),
  });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

/**
 * A send to a handle with no wallet on this platform: the answer says so and offers, with a
 * button, to hold the money for that handle instead — never done unasked. The offer keeps what the
 * send named (amount, handle, memo) in the wallet, so the button carries only its id. Without an
 * exact amount there is nothing to offer yet.
 */
export async function holdOffer(c: Conversation, notFound: Reply, handle: string, intent: Extract<Intent, { kind: 'send' }>): Promise<Reply[]> {
  const amount = intent.amount && !intent.amountIssue ? amountOf(intent.amount) : undefined;
  if (!amount?.ok) return [notFound];
  const offered = await c.wallet.offerHold({ key: c.key, actor: c.actor, amount: amount.value, handle, ...(intent.memo ? { memo: intent.memo } : {}) });
  if (!offered.ok) return [notFound];
  const offer = text('claim.offer_hold', { handle: `@${handle}`, amount: formatAmount(c.locale, amount.value), days: c.wallet.claimDays });
  const action: ButtonAction = { kind: 'hold', offerId: offered.value.id };
  return [{ ...notFound, lines: [...notFound.lines, offer], buttons: [{ label: text('buttons.hold', { handle: `@${handle}` }), action }] }];
}

/** The Hold button: the claim challenge for what the offer kept, whose prompt says until when and that unclaimed money comes back. */
export async function handleHold(c: Conversation, action: Extract<ButtonAction, { kind: 'hold' }>): Promise<Reply[]> {
  const prepared = await c.wallet.prepareOfferedHold({ key: c.key, actor: c.actor, offerId: action.offerId, room: roomOf(c) });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

/** What a claim link looks like here: Telegram's deep link into the bot's chat, elsewhere the command to type. */
function linkOf(c: Conversation, secret: string): string {
  return c.actor.identity.platform === 'telegram' && c.botUsername ? `https://t.me/${c.botUsername}?start=claim_${secret}` : `/claim ${secret}`;
}

function describe(c: Conversation, claim: Claim): Record<string, string | number> {
  return {
    amount: formatAmount(c.locale, claim.amount),
    handle: claim.forHandle ? `@${claim.forHandle}` : '',
    count: claim.slots,
    date: formatDate(c.locale, claim.expiresAt),
    ref: claimRef(claim.id),
  };
}

/**
 * A confirmed claim: the sender's receipt (with Freeze, as money left), and the message with its
 * link and Claim button — posted for everyone in the group it was asked for in, or given to the
 * sender to forward when asked for in a direct chat.
 */
export async function claimCreatedReplies(c: Conversation, effect: ClaimCreated): Promise<Reply[]> {
  const { claim, secret, room } = effect;
  const facts = { ...describe(c, claim), sender: `@${c.name}` };
  const receipt = withFreeze(say(text(claim.forHandle ? 'claim.held' : claim.slots > 1 ? 'claim.cheque_many' : 'claim.cheque_made', facts)));
  if (!secret) return [receipt];
  const lines: Text[] = [
    text(claim.forHandle ? 'claim.post_hold' : claim.oncePerClaimer ? 'claim.post_cheque_once' : 'claim.post_cheque', facts),
    text('claim.link', { link: linkOf(c, secret) }),
  ];
  const buttons: Button[] = [{ label: text('buttons.claim'), action: { kind: 'claim', secret } }];
  if (room) return [receipt, { to: { kind: 'chat', chatId: room }, lines, buttons, forEveryone: true }];
  return [receipt, { to: { kind: 'here' }, lines: [text('claim.forward'), ...lines], buttons }];
}

async function receiptOf(c: Conversation, { claim, amount, transferId, balanceAfter }: Redemption): Promise<Reply> {
  return say(
    text('claim.received', {
      amount: formatAmount(c.locale, amount),
      who: `@${await handleOf(c.wallet, claim.senderId, c.actor.identity.platform)}`,
      ref: transferRef(transferId),
      balance: formatAmount(c.locale, balanceAfter),
    }),
  );
}

/** Opens a claim link: one part arrives with a receipt; no code, since money only comes in. */
export async function handleClaim(c: Conversation, secret: string | undefined): Promise<Reply[]> {
  if (!secret) return [sayToAll(text('claim.how'))];
  const redeemed = await c.wallet.redeemClaim({ key: c.key, actor: c.actor, secret, receiptKept: !c.fleeting });
  return [redeemed.ok ? await receiptOf(c, redeemed.value) : errorReply(redeemed.error, c)];
}

/** At `/start` without a link: whatever is held for this person's handle here arrives, each with its receipt. */
export async function claimHeld(c: Conversation): Promise<Reply[]> {
  const handle = (await c.wallet.identitiesOf(c.actor.user.id)).find(
    (i) => i.platform === c.actor.identity.platform && i.platformUserId === c.actor.identity.platformUserId,
  )?.username;
  if (!handle) return [];
  const redeemed = await c.wallet.redeemHolds({ key: c.key, actor: c.actor, handle, receiptKept: !c.fleeting });
  return Promise.all(redeemed.map((r) => receiptOf(c, r)));
}

/** `/claims`: the sender's claims still holding money, each with a Cancel button (no code: the money comes back to them). */
export async function handleClaims(c: Conversation): Promise<Reply[]> {
  const open = await c.wallet.listClaims(c.actor);
  if (open.length === 0) return [say(text('claim.none'))];
  const lines: Text[] = [text('claim.list_header')];
  const buttons: Button[] = [];
  for (const claim of open) {
    const facts = { ...describe(c, claim), held: formatAmount(c.locale, claim.remaining), claimed: claim.claimedSlots };
    lines.push(text(claim.forHandle ? 'claim.list_hold' : 'claim.list_cheque', facts));
    buttons.push({ label: text('buttons.cancel_claim', { ref: claimRef(claim.id) }), action: { kind: 'cancel_claim', claimId: claim.id } });
  }
  return [{ to: { kind: 'here' }, lines, buttons }];
}

export async function handleCancelClaim(c: Conversation, claimId: string): Promise<Reply[]> {
  const cancelled = await c.wallet.cancelClaim({ actor: c.actor, claimId, receiptKept: !c.fleeting });
  if (!cancelled.ok) return [errorReply(cancelled.error, c)];
  const { amount, claimed } = cancelled.value;
  const returned: Money = money(amount.currency, amount.minor - claimed.minor);
  return [say(text('claim.cancelled_done', { ref: claimRef(claimId), amount: formatAmount(c.locale, returned) }))];
}

/** The prompt of a claim challenge: what is held, for whom, until when, and that it comes back unclaimed. */
export function claimPrompt(c: Conversation, payload: { currency: string; minor: string; memo: string | null; slots: number; forHandle: string | null; once: boolean; days: number }): Text {
  const currency = toCurrencyCode(payload.currency)!;
  const amount = money(currency, BigInt(payload.minor));
  const part = money(currency, amount.minor / BigInt(payload.slots));
  const params = {
    amount: formatAmount(c.locale, amount),
    part: formatAmount(c.locale, part),
    count: payload.slots,
    handle: payload.forHandle ? `@${payload.forHandle}` : '',
    // by the wallet's clock, as the claim's own expiry will be when the code arrives
    date: formatDate(c.locale, claimExpiry(c.wallet.now(), payload.days)),
    memo: payload.memo ? text('challenge.memo', { memo: payload.memo }) : '',
    once: payload.once ? text('claim.once_note') : '',
  };
  if (payload.forHandle && payload.slots === 1) return text('challenge.claim_hold', params);
  return text(payload.slots > 1 ? 'challenge.claim_cheque_many' : 'challenge.claim_cheque', params);
}
