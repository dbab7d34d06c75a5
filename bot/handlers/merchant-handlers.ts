import type { IssuedApiKey } from '../../core/merchants/api-keys.js';
import type { WebhookSet } from '../../core/webhooks/webhook-endpoint.js';
import type { Intent } from '../intents/intent.js';
import { say, sayToAll, text, type Reply } from '../replies/reply.js';
import { withFreeze } from '../replies/notices.js';
import { challengeReplies, errorReply, type Conversation } from './conversation.js';
import { handlePay } from './request-handlers.js';

/** `/merchant NAME`: the wallet takes payments under that name; without one, the name it has. */
export async function handleMerchant(c: Conversation, intent: Extract<Intent, { kind: 'merchant' }>): Promise<Reply[]> {
  if (!intent.name) {
    const merchant = await c.wallet.getMerchant(c.actor.user.id);
    return [merchant ? say(text('merchant.current', { name: merchant.displayName })) : sayToAll(text('merchant.usage'))];
  }
  const merchant = await c.wallet.becomeMerchant({ actor: c.actor, name: intent.name });
  return merchant.ok ? [say(text('merchant.done', { name: merchant.value.displayName }), text('merchant.next'))] : [errorReply(merchant.error, c)];
}

async function listKeys(c: Conversation): Promise<Reply[]> {
  const keys = await c.wallet.listApiKeys(c.actor.user);
  if (!keys.ok) return [errorReply(keys.error, c)];
  if (keys.value.length === 0) return [say(text('apikey.none'))];
  const lines = keys.value.map((key) => text('apikey.item', { last4: key.last4, mode: key.mode, created: key.createdAt.toISOString().slice(0, 10) }));
  return [say(text('apikey.header'), ...lines, text('apikey.revoke_hint'))];
}

/** `/apikey [test]` issues a live or sandbox key (after a code), `list` lists them by their last 4, `revoke LAST4 [all]` revokes. */
export async function handleApiKey(c: Conversation, intent: Extract<Intent, { kind: 'apikey' }>): Promise<Reply[]> {
  switch (intent.action) {
    case 'list':
      return listKeys(c);
    case 'revoke': {
      if (!intent.last4) return [sayToAll(text('apikey.revoke_usage'))];
      const revoked = await c.wallet.revokeApiKey({ user: c.actor.user, last4: intent.last4, all: intent.all });
      return revoked.ok ? [withFreeze(say(text('apikey.revoked', { last4: intent.last4, count: revoked.value.length })))] : [errorReply(revoked.error, c)];
    }
    case 'issue': {
      const prepared = await c.wallet.prepareIssueApiKey({ key: c.key, actor: c.actor, mode: intent.mode ?? 'live' });
      return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
    }
  }
}

/** The confirmed key: its secret this once, privately (codes are confirmed only in the direct chat). */
export function issuedKeyReplies(issued: IssuedApiKey): Reply[] {
  if (!issued.secret) return [say(text('apikey.issued_again', { last4: issued.key.last4 }))];
  const sandbox = issued.key.mode === 'test' ? [text('apikey.issued_test')] : [];
  return [withFreeze(say(text('apikey.issued', { secret: issued.secret }), ...sandbox, text('apikey.issued_once')))];
}

/** `/webhook URL` and `/webhook rotate` ask for a code; `/webhook` alone shows where events go. */
export async function handleWebhook(c: Conversation, intent: Extract<Intent, { kind: 'webhook' }>): Promise<Reply[]> {
  if (intent.action === 'show') {
    const endpoint = await c.wallet.getWebhookEndpoint(c.actor.user.id);
    if (!endpoint) return [sayToAll(text('webhook.usage'))];
    return [say(text('webhook.current', { url: endpoint.url, failing: endpoint.failing ? text('webhook.failing_mark') : '' }))];
  }
  const prepared = await c.wallet.prepareSetWebhook({ key: c.key, actor: c.actor, url: intent.url, rotate: intent.action === 'rotate' });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

/** The confirmed endpoint: its signing secret this once, privately, like an API key's. */
export function webhookSetReplies(set: WebhookSet): Reply[] {
  if (!set.secret) return [say(text('webhook.set_again', { url: set.endpoint.url }))];
  return [withFreeze(say(text('webhook.set', { url: set.endpoint.url, secret: set.secret }), text('webhook.set_once')))];
}

/** A request named by its public id (`/pay pr_…`, the `?start=pay_…` link): paid as its card's Pay button. */
export async function handlePayByPublicId(c: Conversation, publicId: string): Promise<Reply[]> {
  const request = await c.wallet.getRequestByPublicId(publicId);
  return request ? handlePay(c, request.id) : [say(text('errors.request.not_found'))];
}
