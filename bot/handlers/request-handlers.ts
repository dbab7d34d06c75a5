import type { Intent } from '../intents/intent.js';
import type { Reply } from '../replies/reply.js';
import { idOf } from '../replies/refs.js';
import { requestCard } from '../replies/request-card.js';
import { challengeReplies, errorReply, userByHandle, type Conversation } from './conversation.js';
import { amountOrAsk, refusalOf } from './slots.js';

export async function handleRequest(c: Conversation, intent: Extract<Intent, { kind: 'request' }>): Promise<Reply[]> {
  const refusal = refusalOf(c, intent);
  if (refusal) return [refusal];
  const payer = intent.payer ? await userByHandle(c, intent.payer) : undefined;
  if (payer && 'lines' in payer) return [payer];
  const amount = await amountOrAsk(c, intent);
  if (Array.isArray(amount)) return amount;
  const created = await c.wallet.createRequest({ key: c.key, merchant: c.actor, amount, memo: intent.memo, payerId: payer?.id });
  return created.ok ? [await requestCard(c, created.value)] : [errorReply(created.error, c)];
}

export async function handlePay(c: Conversation, requestId: string): Promise<Reply[]> {
  const prepared = await c.wallet.preparePayRequest({ key: c.key, actor: c.actor, requestId });
  return prepared.ok ? challengeReplies(c, prepared.value) : [errorReply(prepared.error, c)];
}

export function payIntentRequestId(intent: Extract<Intent, { kind: 'pay' }>): string | undefined {
  return idOf(intent.ref, 'R');
}

export async function handleCancelRequest(c: Conversation, requestId: string): Promise<Reply[]> {
  const cancelled = await c.wallet.cancelRequest(c.actor, requestId);
  return cancelled.ok ? [await requestCard(c, cancelled.value)] : [errorReply(cancelled.error, c)];
}
