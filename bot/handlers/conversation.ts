import type { Actor } from '../../core/context.js';
import type { WalletError } from '../../core/errors.js';
import { money, toCurrencyCode } from '../../core/money/index.js';
import type { Challenge, PayloadAmount, UserId } from '../../core/ports/index.js';
import { unreachable } from '../../core/unreachable.js';
import type { Wallet } from '../../core/wallet.js';
import { formatAmount, type Locale, type Text } from '../i18n/i18n.js';
import { describeUnreadable } from '../intents/mention.js';
import type { Reply } from '../replies/reply.js';
import { say, text } from '../replies/reply.js';
import { handleOf } from '../replies/handles.js';
import { requestRef, transferRef } from '../replies/refs.js';
import { claimPrompt } from './claim-handlers.js';

/** One incoming message or button press, as every handler sees it. */
export interface Conversation {
  wallet: Wallet;
  actor: Actor;
  locale: Locale;
  /** How the person is called on this platform, for mentions in replies. */
  name: string;
  chat: 'direct' | 'group';
  /**
   * The answers here show only for a moment (Discord's ephemeral answers to an interaction in a
   * server): a receipt given here is not a lasting record, so the alert about it still comes.
   */
  fleeting?: boolean;
  /**
   * The platform's id of the chat the message came from (the console's room, or `direct`): a
   * question the bot asks here is answered by this person's next message here.
   */
  chatId: string;
  /** Idempotency key of this message (platform update id, console line number). */
  key: string;
  /** A file sent with or just before the message, for verification. */
  attachment?: { ref: string; sha256: string };
  /** The person replied to, when the platform tells (reply-to-message payments). */
  replyTo?: UserId;
  /** The bot's username on Telegram, for links that open its direct chat (`t.me/<bot>?start=…`). */
  botUsername?: string;
}

export function errorReply(error: WalletError, c: Conversation): Reply {
  const params: Record<string, string | number> = { ...error.params };
  for (const name of ['available', 'remaining', 'limit'] as const) {
    const value = params[name];
    const currency = toCurrencyCode(String(params.currency ?? ''));
    if (value !== undefined && currency) params[name] = formatAmount(c.locale, money(currency, BigInt(value)));
  }
  return say(text(`errors.${error.code}`, params));
}

/** A mention that is not a whole handle, refused naming exactly what was written. */
export function unreadableHandleReply(written: string): Reply {
  return say(text('mention.unreadable', describeUnreadable(written)));
}

/** The wallet behind a handle on the asker's platform, or the answer that names who was not found. */
export async function userByHandle(c: Conversation, handle: string): Promise<{ id: UserId } | Reply> {
  const user = await c.wallet.findUserByUsername(c.actor.identity.platform, handle);
  return user ?? say(text('mention.not_found', { handle: `@${handle}` }));
}

/** The prompt's key and what it names: who, how much, which reference. */
async function promptOf(c: Conversation, challenge: Challenge): Promise<Text> {
  const to = (userId: UserId) => handleOf(c.wallet, userId, c.actor.identity.platform);
  const amountOf = (p: PayloadAmount) => formatAmount(c.locale, money(p.currency, BigInt(p.minor)));
  const memoOf = (p: PayloadAmount) => (p.memo ? text('challenge.memo', { memo: p.memo }) : '');
  const key = `challenge.${challenge.kind}`;
  switch (challenge.kind) {
    case 'send':
      return text(key, { to: await to(challenge.payload.toUserId), amount: amountOf(challenge.payload), memo: memoOf(challenge.payload) });
    case 'pay_request':
      return text(key, {
        to: await to(challenge.payload.merchantId),
        amount: amountOf(challenge.payload),
        memo: memoOf(challenge.payload),
        ref: requestRef(challenge.payload.requestId),
      });
    case 'refund':
      return text(key, {
        to: await to(challenge.payload.toUserId),
        amount: amountOf(challenge.payload),
        memo: memoOf(challenge.payload),
        ref: transferRef(challenge.payload.transferId),
      });
    case 'deposit':
    case 'withdraw':
      return text(key, { to: await to(challenge.payload.userId), amount: amountOf(challenge.payload), memo: memoOf(challenge.payload) });
    case 'freeze_user':
    case 'unfreeze_user':
      return text(key, { to: await to(challenge.payload.userId) });
    case 'decide_verification': {
      const { verificationId, userId, approve, reason } = challenge.payload;
      const params = { to: await to(userId), id: verificationId, reason: reason ?? '' };
      return text(approve ? 'challenge.approve_verification' : 'challenge.reject_verification', params);
    }
    case 'link_identity':
    case 'unlink_identity':
      return text(key, { to: await to(challenge.userId), platform: challenge.payload.platform });
    case 'claim':
      return claimPrompt(c, challenge.payload);
    case 'unfreeze':
    case 'close_account':
    case 'reset_authenticator':
      return text(key, {});
    case 'issue_api_key':
      return text(key, { mode: challenge.payload.mode });
    case 'set_webhook':
      return text(key, { url: challenge.payload.url });
    default:
      return unreachable(challenge, 'challenge');
  }
}

/**
 * The confirmation prompt: exactly what will happen. Asked for in a group, it goes to the direct
 * chat like everything else about the person (see group-privacy.ts).
 */
export async function challengeReplies(c: Conversation, challenge: Challenge): Promise<Reply[]> {
  const sandbox = challenge.kind === 'pay_request' && challenge.payload.fromUserId ? [text('sandbox.test')] : [];
  return [{ to: { kind: 'here' }, lines: [...sandbox, await promptOf(c, challenge), text('challenge.code')], asksForCode: true }];
}
