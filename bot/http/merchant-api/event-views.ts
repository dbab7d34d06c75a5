import { money, toCurrencyCode, toDecimalString } from '../../../core/money/index.js';
import type { WebhookAttempt, WebhookEvent } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { transferRef } from '../../replies/refs.js';
import { requestView, type LinkConfig } from './api-views.js';

function decimal(currency: unknown, minor: unknown): string {
  const code = toCurrencyCode(String(currency));
  return code ? toDecimalString(money(code, BigInt(String(minor)))) : String(minor);
}

/** The object an event is about, as the API shows it: the request as it stands, or the refund as it was made. */
async function objectOf(wallet: Wallet, links: LinkConfig, event: WebhookEvent, livemode: boolean): Promise<unknown> {
  if (event.type === 'refund.succeeded') {
    const { data } = event;
    return {
      object: 'refund',
      livemode,
      id: transferRef(String(data.transfer_id)),
      payment_request: data.payment_request,
      amount: decimal(data.currency, data.amount_minor),
      currency: data.currency,
      remaining: decimal(data.currency, data.remaining_minor),
      created_at: new Date(String(data.created_at)).toISOString(),
    };
  }
  const request = await wallet.getRequest(event.subjectId);
  if (!request.ok) return null;
  // an expired request still reads `open` in its row until the clock passes it; the event says what happened
  return { ...(await requestView(wallet, links, request.value)), ...(event.type === 'payment_request.expired' ? { status: 'expired' } : {}) };
}

/** The body posted to the endpoint, the same for every attempt of the event apart from the object's current refunds. */
export async function eventBody(wallet: Wallet, links: LinkConfig, event: WebhookEvent): Promise<string> {
  const livemode = !(await wallet.isSandbox(event.merchantId));
  return JSON.stringify({
    id: event.publicId,
    object: 'event',
    livemode,
    type: event.type,
    created: Math.floor(event.createdAt.getTime() / 1000),
    data: { object: await objectOf(wallet, links, event, livemode) },
  });
}

function attemptView(attempt: WebhookAttempt) {
  return {
    number: attempt.number,
    at: attempt.at.toISOString(),
    succeeded: attempt.succeeded,
    status_code: attempt.statusCode ?? null,
    error: attempt.error ?? null,
    duration_ms: attempt.durationMs,
  };
}

/** An event in `GET /v1/events`: what happened, and every attempt to deliver it. */
export function eventView(event: WebhookEvent & { attemptLog: WebhookAttempt[] }) {
  return {
    id: event.publicId,
    object: 'event',
    type: event.type,
    created: Math.floor(event.createdAt.getTime() / 1000),
    delivery: event.state,
    next_attempt_at: event.state === 'pending' ? (event.nextAt?.toISOString() ?? null) : null,
    attempts: event.attemptLog.map(attemptView),
  };
}
