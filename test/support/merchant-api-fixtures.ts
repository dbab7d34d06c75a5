import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildServer } from '../../bot/http/server.js';
import type { ApiKeyMode } from '../../core/ports/index.js';
import { createApiCallsStore } from '../../db/api-calls-store.js';
import { actor, confirmNow, enrolledPerson, type ManualClock, type Person } from './confirmation-fixtures.js';
import type { TestWallet } from './test-database.js';
import { freshKey, unwrap } from './wallet-fixtures.js';

export const PUBLIC_URL = 'https://pay.example.test';

/** The HTTP server with the merchant API on a test wallet, for `inject`. */
export function apiServer(t: TestWallet, rateLimit = { max: 1000, windowMs: 60_000 }): FastifyInstance {
  return buildServer({
    merchantApi: { wallet: t.wallet, calls: createApiCallsStore(t.database.db), links: { publicUrl: PUBLIC_URL, telegramBot: 'okpay_test_bot' }, rateLimit },
  });
}

export interface Merchant extends Person {
  apiKey: string;
}

/** A merchant as the chat makes one: `/merchant NAME`, then `/apikey` confirmed with a code. */
export async function merchantWithKey(t: TestWallet, clock: ManualClock, name: string): Promise<Merchant> {
  const person = await enrolledPerson(t, clock, name);
  unwrap(await t.wallet.becomeMerchant({ actor: await actor(t, person), name: `${name} shop` }));
  return { ...person, apiKey: await issuedKey(t, clock, person, 'live') };
}

/** A key of the merchant's, issued as `/apikey` (or `/apikey test`) confirmed with a code. */
export async function issuedKey(t: TestWallet, clock: ManualClock, person: Person, mode: ApiKeyMode): Promise<string> {
  unwrap(await t.wallet.prepareIssueApiKey({ key: freshKey('apikey'), actor: await actor(t, person), mode }));
  const issued = unwrap(await confirmNow(t, clock, person));
  if (issued.effect.kind !== 'api_key_issued' || !issued.effect.secret) throw new Error('no key issued');
  return issued.effect.secret;
}

/** `Authorization` (and an Idempotency-Key for a POST) as a merchant's server would send them. */
export function headersOf(merchant: { apiKey: string }, idempotencyKey?: string): Record<string, string> {
  return { authorization: `Bearer ${merchant.apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
}

/** Creates a request over the API with the key the chat showed, as the merchant's site would; its public id. */
export async function createRequestByApi(t: TestWallet, apiKey: string, amount: string, description: string): Promise<string> {
  const app = apiServer(t);
  try {
    const answer = await app.inject({
      method: 'POST',
      url: '/v1/payment_requests',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': freshKey() },
      payload: { amount, currency: 'CNY', description },
    });
    expect(answer.statusCode).toBe(201);
    return answer.json().id as string;
  } finally {
    await app.close();
  }
}
