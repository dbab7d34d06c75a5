import type { IdentityRef, PaymentRequest } from '../../core/ports/index.js';
import type { Wallet } from '../../core/wallet.js';
import { handleOf } from './handles.js';
import { requestRef } from './refs.js';
import { text, type Reply } from './reply.js';

/** Who renders a card: the wallet and the platform its handles come from. Its language is the one it was posted in, chosen on delivery. */
export interface CardView {
  wallet: Wallet;
  actor: { identity: IdentityRef };
}

/** The request card as everyone in the chat sees it; paid, cancelled and expired cards lose their buttons. */
export async function requestCard(c: CardView, request: PaymentRequest): Promise<Reply> {
  const shop = await c.wallet.getMerchant(request.merchantId);
  const params = {
    merchant: await handleOf(c.wallet, request.merchantId, c.actor.identity.platform),
    // a merchant's display name beside the handle: the handle is who is paid, the name what payers know them by
    shop: shop ? text('request.shop', { name: shop.displayName }) : '',
    payer: request.payerId ? await handleOf(c.wallet, request.payerId, c.actor.identity.platform) : '',
    // formatted by whoever renders the card, in the card's language (see deliver.ts)
    amount: request.amount,
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
  const sandbox = (await c.wallet.isSandbox(request.merchantId)) ? [text('sandbox.test')] : [];
  return { to: { kind: 'here' }, lines: [...sandbox, text(key, params)], card: request.id, ...(buttons ? { buttons } : {}) };
}
