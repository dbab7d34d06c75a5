import type { Outcome } from '../../core/errors.js';
import type { Enrollment } from '../../core/security/authenticator.js';
import type { Intent } from '../intents/intent.js';
import { withFreeze } from '../replies/notices.js';
import { say, sayToAll, text, type Reply } from '../replies/reply.js';
import { challengeReplies, errorReply, userByHandle, type Conversation } from './conversation.js';
import { ask } from './follow-up.js';
import { amountOrAsk, refusalOf } from './slots.js';

/** A base32 secret as people type it from a screen: `ABCD EFGH IJKL …` (authenticator apps ignore the spaces). */
export const inGroupsOfFour = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? '';

/**
 * Enrollment: the QR image, and what to do where the QR cannot be scanned (the app is on the phone
 * reading this). Telegram and Discord do not open `otpauth://` links, so there the secret is given
 * to copy into the app; the console, a terminal, prints the link as well.
 */
export function enrollmentReplies(c: Conversation, enrollment: Outcome<Enrollment>): Reply[] {
  if (!enrollment.ok) return [errorReply(enrollment.error, c)];
  const { uri, secret, qrPng } = enrollment.value;
  const params = { uri, secret: inGroupsOfFour(secret) };
  const line = c.actor.identity.platform === 'console' ? text('enroll.scan', params) : text('enroll.scan_key', params);
  return [{ to: { kind: 'direct', userId: c.actor.user.id }, lines: [line], image: { name: 'okpay-authenticator.png', png: qrPng }, asksForCode: true }];
}

export async function handleSetup2fa(c: Conversation): Promise<Reply[]> {
  return enrollmentReplies(c, await c.wallet.beginEnrollment(c.actor.user, c.name));
}

/**
 * A 6-digit code while no authenticator is active finishes enrollment; the recovery codes are shown
 * once, with the Freeze the other chats' alert carries.
 */
export function activationReplies(c: Conversation, activated: Outcome<{ recoveryCodes: string[] }>): Reply[] {
  if (!activated.ok) return [errorReply(activated.error, c)];
  return [withFreeze(say(text('enroll.done', { codes: activated.value.recoveryCodes.join('\n') })))];
}

/** One short question with a Freeze button, for a message that suspects a payment but does not ask to freeze. */
export function freezeQuestion(): Reply {
  return { ...say(text('freeze.ask')), buttons: [{ label: text('buttons.freeze'), action: { kind: 'freeze' } }] };
}

export async function handleFreeze(c: Conversation): Promise<Reply[]> {
  const frozen = await c.wallet.freeze(c.actor);
  if (!frozen.ok) return [errorReply(frozen.error, c)];
  const { changed, user } = frozen.value;
  return [say(text(changed ? 'freeze.done' : user.frozenBy === 'operator' ? 'freeze.already_by_operator' : 'freeze.already'))];
}

type Prepare = 'prepareUnfreeze' | 'prepareClose' | 'prepareResetAuthenticator';

export async function handleChallengeOnly(c: Conversation, prepare: Prepare): Promise<Reply[]> {
  const prepared = await c.wallet[prepare]({ key: c.key, actor: c.actor });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

export async function handleLink(c: Conversation, code: string | undefined): Promise<Reply[]> {
  if (!code) {
    const created = await c.wallet.createLinkCode({ key: c.key, actor: c.actor });
    return created.ok ? [{ to: { kind: 'direct', userId: c.actor.user.id }, lines: [text('link.code', { code: created.value.code })] }] : [errorReply(created.error, c)];
  }
  const prepared = await c.wallet.redeemLinkCode({ key: c.key, identity: c.actor.identity, code });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

export async function handleUnlink(c: Conversation, platform: 'telegram' | 'discord' | 'console'): Promise<Reply[]> {
  const prepared = await c.wallet.prepareUnlink({ key: c.key, actor: c.actor, platform });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

/** A chosen language is kept: from now on the language a message is written in no longer changes it. */
export async function handleLanguage(c: Conversation, locale: 'en' | 'zh-CN'): Promise<Reply[]> {
  await c.wallet.chooseLocale(c.actor.user.id, locale);
  c.locale = locale;
  c.actor.user = { ...c.actor.user, locale, localeChosen: true };
  return [say(text('language.set'))];
}

export async function handleVerify(c: Conversation, intent: Extract<Intent, { kind: 'verify' }>): Promise<Reply[]> {
  if (!intent.document || !intent.name) return [sayToAll(text('ask.verify'))];
  if (!c.attachment) return [say(text('verify.need_file'))];
  const submitted = await c.wallet.submitVerification({
    key: c.key,
    actor: c.actor,
    fullName: intent.name,
    documentType: intent.document,
    fileRef: c.attachment.ref,
    fileSha256: c.attachment.sha256,
  });
  return submitted.ok ? [say(text('verify.submitted', { id: submitted.value.id }))] : [errorReply(submitted.error, c)];
}

export async function handleOperator(
  c: Conversation,
  intent: Extract<Intent, { kind: 'deposit' | 'withdraw' | 'approve' | 'reject' | 'freezeuser' | 'unfreezeuser' }>,
): Promise<Reply[]> {
  if (!c.wallet.isOperator(c.actor.identity)) return [say(text('errors.operator.required'))];
  if (intent.kind === 'approve' || intent.kind === 'reject') {
    if (!intent.id) {
      const pending = await c.wallet.listPendingVerifications(c.actor);
      if (!pending.ok) return [errorReply(pending.error, c)];
      if (pending.value.length === 0) return [say(text('operator.none_pending'))];
      return [say(text('operator.pending', { list: pending.value.map((v) => `${v.id} ${v.fullName} (${v.documentType})`).join('; ') }))];
    }
    if (intent.kind === 'reject' && !intent.reason) return [sayToAll(text('ask.reason'))];
    const prepared = await c.wallet.prepareDecision({
      key: c.key,
      operator: c.actor,
      id: intent.id,
      approve: intent.kind === 'approve',
      reason: intent.kind === 'reject' ? intent.reason : undefined,
    });
    return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
  }
  const refusal = refusalOf(c, intent);
  if (refusal) return [refusal];
  if (!intent.user) return ask(c, intent, 'user', text('ask.user'));
  const target = await userByHandle(c, intent.user);
  if ('lines' in target) return [target];
  if (intent.kind === 'freezeuser' || intent.kind === 'unfreezeuser') {
    const prepare = intent.kind === 'freezeuser' ? c.wallet.prepareOperatorFreeze : c.wallet.prepareOperatorUnfreeze;
    const prepared = await prepare({ key: c.key, operator: c.actor, targetUserId: target.id });
    return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
  }
  const amount = await amountOrAsk(c, intent);
  if (Array.isArray(amount)) return amount;
  const prepared = await c.wallet.prepareOperatorMove({ key: c.key, operator: c.actor, kind: intent.kind, userId: target.id, amount });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}
