import { decodeAction, type ButtonAction } from '../../core/actions/button-action.js';
import type { Confirmation } from '../../core/confirmation/confirm.js';
import { unreachable } from '../../core/unreachable.js';
import { toHalfWidth } from '../intents/amount.js';
import type { Intent } from '../intents/intent.js';
import { parseMessage } from '../intents/parse.js';
import { say, sayToAll, text, type Reply } from '../replies/reply.js';
import {
  activationReplies,
  enrollmentReplies,
  freezeQuestion,
  handleChallengeOnly,
  handleFreeze,
  handleLanguage,
  handleLink,
  handleUnlink,
  handleOperator,
  handleSetup2fa,
  handleVerify,
} from './account-handlers.js';
import { handleOf } from '../replies/handles.js';
import { challengeReplies, errorReply, type Conversation } from './conversation.js';
import { privately } from './group-privacy.js';
import { answerTo, ask, continuation, forgetQuestion } from './follow-up.js';
import { followWrittenLanguage } from './language.js';
import {
  handleAskRefund,
  handleBalance,
  handleHistory,
  handleRefund,
  handleSend,
  handleStatement,
  receiptReplies,
} from './money-handlers.js';
import { withFreeze } from '../replies/notices.js';
import { requestCard } from '../replies/request-card.js';
import { handleCancelRequest, handlePay, handleRequest, payIntentRequestId } from './request-handlers.js';
import { handleApiKey, handleMerchant, handlePayByPublicId, handleWebhook, issuedKeyReplies, webhookSetReplies } from './merchant-handlers.js';
import { handleReply, handleSupport, handleTickets, notUnderstood, understood } from './support-handlers.js';
import { claimCreatedReplies, claimHeld, handleCancelClaim, handleCheque, handleClaim, handleClaims, handleHold } from './claim-handlers.js';

async function effectReplies(c: Conversation, done: Confirmation): Promise<Reply[]> {
  const { effect, challenge } = done;
  switch (effect.kind) {
    case 'transfer': {
      const receipts = await receiptReplies(c, effect.receipt);
      // a test payment's receipt says so first
      const sandbox = challenge.kind === 'pay_request' && challenge.payload.fromUserId;
      const replies = sandbox ? receipts.map((reply) => ({ ...reply, lines: [text('sandbox.test'), ...reply.lines] })) : receipts;
      if (challenge.kind === 'pay_request') {
        const request = await c.wallet.getRequest(challenge.payload.requestId);
        if (request.ok) replies.push(await requestCard(c, request.value));
      }
      return replies;
    }
    case 'authenticator_reset':
      return [withFreeze(say(text('effect.authenticator_reset'))), ...(await handleSetup2fa(c))];
    case 'identity_linked':
    case 'identity_unlinked':
      return [withFreeze(say(text(`effect.${effect.kind}`, { platform: effect.platform })))];
    case 'verification_decided': {
      const { verification } = effect;
      if (verification.status === 'rejected') return [say(text('operator.rejected', { id: verification.id }))];
      const name = await handleOf(c.wallet, verification.userId, c.actor.identity.platform);
      return [say(text('operator.approved', { id: verification.id, name, tier: verification.targetTier }))];
    }
    case 'user_frozen':
    case 'user_unfrozen': {
      const name = await handleOf(c.wallet, effect.userId, c.actor.identity.platform);
      return [say(text(effect.kind === 'user_frozen' ? 'freeze.operator' : 'freeze.operator_lifted', { name }))];
    }
    case 'unfrozen':
      return [withFreeze(say(text('effect.unfrozen')))];
    case 'closed':
      return [say(text('effect.closed'))];
    case 'claim_created':
      return claimCreatedReplies(c, effect);
    case 'api_key_issued':
      return issuedKeyReplies(effect);
    case 'webhook_set':
      return webhookSetReplies(effect);
    default:
      return unreachable(effect, 'effect');
  }
}

/**
 * A code (or recovery code). In a group it is exposed, so the pending action is cancelled; with
 * nothing pending it may finish authenticator set-up.
 */
async function handleConfirm(c: Conversation, code: string | undefined): Promise<Reply[]> {
  if (c.chat === 'group') {
    await c.wallet.cancelPending(c.actor.identity);
    return [sayToAll(text('group.code_exposed', { name: c.name }))];
  }
  if (!code) return [sayToAll(text('ask.code'))];
  if (!(await c.wallet.pendingChallenge(c.actor.identity))) {
    const replayed = await c.wallet.confirm({ key: c.key, identity: c.actor.identity, code, label: c.name, receiptKept: !c.fleeting });
    if (replayed.ok || replayed.error.code !== 'challenge.none') return replayed.ok ? effectReplies(c, replayed.value) : [errorReply(replayed.error, c)];
    // nothing waits for a code: perhaps it finishes setting up the authenticator
    const activated = await c.wallet.activateAuthenticator(c.actor.user, code, c.actor.identity.platform);
    const nothingToActivate = !activated.ok && (activated.error.code === 'auth.no_pending' || activated.error.code === 'auth.already_active');
    return nothingToActivate ? [say(text('errors.challenge.none'))] : activationReplies(c, activated);
  }
  const confirmed = await c.wallet.confirm({ key: c.key, identity: c.actor.identity, code, label: c.name, receiptKept: !c.fleeting });
  return confirmed.ok ? effectReplies(c, confirmed.value) : [errorReply(confirmed.error, c)];
}

/** Cancels the action waiting for a code, or the question just dropped by this command. */
async function handleCancel(c: Conversation, droppedQuestion: boolean): Promise<Reply[]> {
  const cancelled = await c.wallet.cancelPending(c.actor.identity);
  return [say(text(cancelled || droppedQuestion ? 'cancel.done' : 'cancel.nothing'))];
}

/**
 * `/start`, perhaps from a link: a claim link (`/start claim_…`) gives a newcomer a wallet (the
 * adapter registered them) and the money with its receipt at once; setting up the authenticator,
 * needed only to send, follows. What is held for their handle is paid at a `/start` in their direct
 * chat only: typed in a group, the receipt would go to a direct chat the platform may not open yet
 * (Telegram, before they start the bot), and its outbox copy skips the platform it was claimed on.
 * A request's link (`pay`) shows the request and asks the code as its card's Pay button would;
 * otherwise what waits for a code is.
 */
async function handleStart(c: Conversation, firstContact: boolean, opened: { claim?: string | undefined; pay?: string | undefined } = {}): Promise<Reply[]> {
  if (opened.claim) return [...(await handleClaim(c, opened.claim)), ...(await handleStart(c, firstContact))];
  const held = c.chat === 'direct' ? await claimHeld(c) : [];
  const greeting = sayToAll(text(firstContact ? 'start.welcome' : 'start.again', { name: c.name }));
  const enrollment = await c.wallet.beginEnrollment(c.actor.user, c.name);
  const alreadyActive = !enrollment.ok && enrollment.error.code === 'auth.already_active';
  // someone sent here from a group (Telegram's start link) finds what is waiting for their code
  const pending = opened.pay ? undefined : await c.wallet.pendingChallenge(c.actor.identity);
  const waiting = opened.pay ? await handlePayByPublicId(c, opened.pay) : pending && c.chat === 'direct' ? await challengeReplies(c, pending) : [];
  return alreadyActive ? [...held, greeting, ...waiting] : [...held, greeting, ...enrollmentReplies(c, enrollment), ...waiting];
}

export const looksLikeCode = (message: string): boolean => CODE_LIKE.test(toHalfWidth(message));

/** A group message not addressed to the bot: only a live code in it matters (it is burnt). */
export async function handleOverheard(c: Conversation, message: string): Promise<Reply[]> {
  const exposed = CODE_LIKE.exec(toHalfWidth(message));
  if (!exposed) return [];
  const spent = await c.wallet.discardExposedCode({ identity: c.actor.identity, user: c.actor.user, code: exposed[1] ?? exposed[2]! });
  return spent ? [sayToAll(text('group.code_exposed', { name: c.name }))] : [];
}

const CODE_LIKE = /(?:^|[^\d])(\d{6})(?!\d)|\b([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})\b/;

/**
 * A whole message: a code anywhere in a group message is exposed (“my code is 123456”), so it is
 * spent and the pending action cancelled before anything else; otherwise the message is parsed.
 */
export async function handleMessage(c: Conversation, message: string, firstContact = false): Promise<Reply[]> {
  const exposed = c.chat === 'group' ? CODE_LIKE.exec(toHalfWidth(message)) : null;
  if (exposed && (await c.wallet.discardExposedCode({ identity: c.actor.identity, user: c.actor.user, code: exposed[1] ?? exposed[2]! }))) {
    return [sayToAll(text('group.code_exposed', { name: c.name }))];
  }
  await followWrittenLanguage(c, message);
  const parsed = parseMessage(message);
  const intent = parsed.kind === 'unknown' ? parsed : ((await continuation(c, message, parsed)) ?? parsed);
  if (intent.kind !== 'unknown') return privately(c, await handle(c, intent, firstContact), 'message');
  // no command: perhaps the answer to the question asked here (“How much?” → “5”)
  const answer = await answerTo(c, message);
  if (!answer) return notUnderstood(c);
  return privately(c, Array.isArray(answer) ? answer : await handle(c, answer), 'message');
}

/** The one place that routes an intent to its handler. A new command replaces the question waiting in the chat. */
export async function handle(c: Conversation, intent: Intent, firstContact = false): Promise<Reply[]> {
  const [droppedQuestion] = await Promise.all([forgetQuestion(c), intent.kind === 'unknown' ? undefined : understood(c)]);
  switch (intent.kind) {
    case 'start':
      return handleStart(c, firstContact, { claim: intent.claim, pay: intent.pay });
    case 'help':
      return [sayToAll(text('help.text'), text('help.support'))];
    case 'balance':
      return handleBalance(c);
    case 'send':
      return handleSend(c, intent);
    case 'request':
      return handleRequest(c, intent);
    case 'pay': {
      if (intent.publicId) return handlePayByPublicId(c, intent.publicId);
      const requestId = payIntentRequestId(intent);
      return requestId ? handlePay(c, requestId) : ask(c, intent, 'ref', text('ask.reference'));
    }
    case 'refund':
      return handleRefund(c, intent);
    case 'ask_refund':
      return handleAskRefund(c, intent);
    case 'history':
      return handleHistory(c, undefined);
    case 'statement':
      return handleStatement(c);
    case 'verify':
      return handleVerify(c, intent);
    case 'freeze':
      return handleFreeze(c);
    case 'ask_freeze':
      return [freezeQuestion()];
    case 'unfreeze':
      return handleChallengeOnly(c, 'prepareUnfreeze');
    case 'close':
      return handleChallengeOnly(c, 'prepareClose');
    case 'setup_2fa':
      return handleSetup2fa(c);
    case 'recover':
      return handleChallengeOnly(c, 'prepareResetAuthenticator');
    case 'link':
      return handleLink(c, intent.code);
    case 'unlink':
      return intent.platform ? handleUnlink(c, intent.platform) : ask(c, intent, 'platform', text('ask.platform'));
    case 'language':
      return intent.locale ? handleLanguage(c, intent.locale) : ask(c, intent, 'locale', text('ask.language'));
    case 'confirm':
      return handleConfirm(c, intent.code);
    case 'cancel':
      return handleCancel(c, droppedQuestion);
    case 'deposit':
    case 'withdraw':
    case 'approve':
    case 'reject':
    case 'freezeuser':
    case 'unfreezeuser':
      return handleOperator(c, intent);
    case 'support':
      return handleSupport(c, intent);
    case 'reply':
      return handleReply(c, intent);
    case 'tickets':
      return handleTickets(c);
    case 'cheque':
      return handleCheque(c, intent);
    case 'claim':
      // typed in a group, the receipt would go to a direct chat the platform may not open yet (Telegram)
      return c.chat === 'group' ? [sayToAll(text('claim.in_direct', { name: c.name }))] : handleClaim(c, intent.secret);
    case 'claims':
      return handleClaims(c);
    case 'merchant':
      return handleMerchant(c, intent);
    case 'apikey':
      return handleApiKey(c, intent);
    case 'webhook':
      return handleWebhook(c, intent);
    case 'unknown':
      return notUnderstood(c);
  }
}

/**
 * A pressed button, by the callback data its adapter got back. Data this version cannot read (a
 * stale or forged button) is answered like unknown input.
 */
export async function handleAction(c: Conversation, data: string): Promise<Reply[]> {
  const action = decodeAction(data);
  return privately(c, action ? await runAction(c, action) : [sayToAll(text('hint.unknown'))], 'press');
}

async function runAction(c: Conversation, action: ButtonAction): Promise<Reply[]> {
  switch (action.kind) {
    case 'pay_request':
      return handlePay(c, action.requestId);
    case 'cancel_request':
      return handleCancelRequest(c, action.requestId);
    case 'freeze':
      return handleFreeze(c);
    case 'history_page':
      return handleHistory(c, action.cursor);
    case 'refund': {
      const ask = await c.wallet.getRefundAsk(c.actor.user.id, action.askId);
      if (ask?.status !== 'open') return [say(text('errors.refund.ask_not_found'))];
      const prepared = await c.wallet.prepareRefund({ key: c.key, actor: c.actor, transferId: ask.transferId });
      return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
    }
    case 'decline_refund': {
      const declined = await c.wallet.declineRefund({ actor: c.actor, askId: action.askId });
      return declined.ok ? [say(text('cancel.done'))] : [errorReply(declined.error, c)];
    }
    case 'claim':
      return handleClaim(c, action.secret);
    case 'cancel_claim':
      return handleCancelClaim(c, action.claimId);
    case 'hold':
      return handleHold(c, action);
    default:
      return unreachable(action, 'button action');
  }
}
