import type { PaymentRequest } from '../../core/ports/index.js';
import type { Intent } from '../intents/intent.js';
import { formatAmount } from '../i18n/i18n.js';
import { text, type Reply } from '../replies/reply.js';
import { idOf, requestRef } from '../replies/refs.js';
import { handleOf } from '../replies/handles.js';
import { challengeReplies, errorReply, userByHandle, type Conversation } from './conversation.js';
import { amountOrAsk, refusalOf } from './slots.js';

/** Who renders a card: the wallet, the platform its handles come from, the language. */
export type CardView = Pick<Conversation, 'wallet' | 'locale'> & { actor: Pick<Conversation['actor'], 'identity'> };

/** The request card as everyone in the chat sees it; paid, cancelled and expired cards lose their buttons. */
export async function requestCard(c: CardView, request: PaymentRequest): Promise<Reply> {
  const params = {
    merchant: await handleOf(c.wallet, request.merchantId, c.actor.identity.platform),
    payer: request.payerId ? await handleOf(c.wallet, request.payerId, c.actor.identity.platform) : '',
    amount: formatAmount(c.locale, request.amount),
    memo: request.memo ? text('challenge.memo', { memo: request.memo }) : '',
    ref: requestRef(request.id),
  };
  const key = request.status === 'open' ? (request.payerId ? 'request.card_for' : 'request.card') : `request.${request.status}`;
  const buttons =
    request.status === 'open'
      ? [
          { label: text('buttons.pay', { amount: params.amount }), action: { kind: 'pay_request' as const, requestId: request.id } },
          { label: text('buttons.cancel'), action: { kind: 'cancel_request' as const, requestId: request.id } },
        ]
      : undefined;
  return { to: { kind: 'here' }, lines: [text(key, params)], card: request.id, ...(buttons ? { buttons } : {}) };
}

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
