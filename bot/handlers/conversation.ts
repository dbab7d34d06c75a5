import type { Actor } from '../../core/context.js';
import type { WalletError } from '../../core/errors.js';
import { money, toCurrencyCode, type Money } from '../../core/money/index.js';
import type { Challenge, UserId } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { formatAmount, type Locale, type Text } from '../i18n/i18n.js';
import { describeUnreadable } from '../intents/mention.js';
import type { Reply } from '../replies/reply.js';
import { say, text } from '../replies/reply.js';
import { handleOf } from '../replies/handle-of.js';
import { requestRef, transferRef } from '../replies/refs.js';

// notices.ts still reads handles from here; they live with the replies that show them
export { handleOf };

/** One incoming message or button press, as every handler sees it. */
export interface Conversation {
  wallet: Wallet;
  actor: Actor;
  locale: Locale;
  /** How the person is called on this platform, for mentions in replies. */
  name: string;
  chat: 'direct' | 'group';
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

function payloadMoney(challenge: Challenge): Money | undefined {
  const currency = toCurrencyCode(String(challenge.payload.currency ?? ''));
  return currency ? money(currency, BigInt(String(challenge.payload.minor))) : undefined;
}

/**
 * The confirmation prompt: exactly what will happen. Asked for in a group, it goes to the direct
 * chat like everything else about the person (see group-privacy.ts).
 */
export async function challengeReplies(c: Conversation, challenge: Challenge): Promise<Reply[]> {
  const amount = payloadMoney(challenge);
  const p = challenge.payload;
  const counterpart = p.toUserId ?? p.merchantId ?? p.userId ?? challenge.userId;
  const params: Text['params'] = {
    to: await handleOf(c.wallet, String(counterpart), c.actor.identity.platform),
    amount: amount ? formatAmount(c.locale, amount) : '',
    memo: p.memo ? text('challenge.memo', { memo: String(p.memo) }) : '',
    ref: p.requestId ? requestRef(String(p.requestId)) : p.transferId ? transferRef(String(p.transferId)) : '',
    id: String(p.verificationId ?? ''),
    reason: String(p.reason ?? ''),
    platform: String(p.platform ?? ''),
  };
  const key = challenge.kind === 'decide_verification' ? (p.approve ? 'challenge.approve_verification' : 'challenge.reject_verification') : `challenge.${challenge.kind}`;
  return [{ to: { kind: 'here' }, lines: [text(key, params), text('challenge.code')], asksForCode: true }];
}
