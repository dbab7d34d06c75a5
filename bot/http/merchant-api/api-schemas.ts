import { z } from 'zod';
import { CURRENCY_CODES, type CurrencyCode } from '../../../core/money/index.js';
import { WEBHOOK_EVENT_TYPES } from '../../../core/webhooks/event-types.js';
import { PUBLIC_ID } from '../../replies/refs.js';

/** The request bodies, parameters and answers of `/v1`: validated with these, documented from these (`/docs`). */

export const MAX_METADATA_BYTES = 4096;
export const MIN_EXPIRES_IN = 60;
export const MAX_EXPIRES_IN = 30 * 24 * 3600;

const currency = z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]).describe('ISO 4217 code, exactly as written (CNY, USD, …)');
/** A decimal string, never a JSON number: a float cannot hold every amount exactly. */
const amount = z
  .string()
  .regex(/^(0|[1-9]\d{0,17})(\.\d{1,18})?$/, { message: 'expected a decimal string such as "30.00"' })
  .describe('Decimal string in major units, e.g. "30.00"; no more decimals than the currency has');
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Whether PostgreSQL can keep it: `text` holds no NUL and `jsonb` no NUL or lone surrogate, in keys or values. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value && typeof value === 'object') return Object.entries(value).every(([key, inner]) => storable(key) && storable(inner));
  return true;
}
const NOT_STORABLE = { message: 'contains a NUL character or a lone surrogate' };

const metadata = z
  .record(z.string(), z.unknown())
  .refine(storable, NOT_STORABLE)
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES, { message: `at most ${MAX_METADATA_BYTES} bytes as JSON` })
  .describe('Your own data, returned as given (at most 4 KB as JSON)');
const handle = z.string().regex(/^[A-Za-z0-9_.]{1,64}$/, { message: 'expected a handle without the @' });

export const createRequestBody = z.strictObject({
  amount,
  currency,
  description: z.string().max(200).optional().describe('Shown to the payer (at most 200 characters)'),
  payer: z.strictObject({ handle, platform: z.enum(['telegram', 'discord', 'console']) }).optional().describe('Only this person may pay'),
  expires_in: z.number().int().min(MIN_EXPIRES_IN).max(MAX_EXPIRES_IN).optional().describe('Seconds until it expires: 60 to 2592000 (30 days); default 86400'),
  metadata: metadata.optional(),
  success_url: z.url({ protocol: /^https?$/ }).max(2000).refine(storable, NOT_STORABLE).optional().describe('Where the checkout page sends the payer once paid'),
});

export const refundBody = z
  .strictObject({
    amount: amount.optional().describe('Part to refund; the whole remaining amount when left out'),
    currency: currency.optional().describe('Required with amount: the payment’s currency'),
    reason: z.string().max(200).optional(),
  })
  .refine((body) => (body.amount === undefined) === (body.currency === undefined), { message: 'amount and currency go together', path: ['currency'] });

export const requestParams = z.strictObject({ id: z.string().regex(PUBLIC_ID, { message: 'expected a payment request id (pr_…)' }) });

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().regex(/^[0-9a-z]{1,12}$/, { message: 'expected the next_cursor of a previous page' });

export const listRequestsQuery = z.strictObject({
  status: z.enum(['open', 'paid', 'expired', 'cancelled']).optional(),
  cursor: cursor.optional(),
  limit,
});

export const transactionsQuery = z.strictObject({ cursor: cursor.optional(), limit });

const person = z.object({ handle: z.string().nullable(), platform: z.string().nullable() });
const livemode = z.boolean().describe('false for a test key: sandbox objects, money not real');

export const paymentRequestView = z.object({
  id: z.string(),
  object: z.literal('payment_request'),
  livemode,
  status: z.enum(['open', 'paid', 'expired', 'cancelled']),
  amount,
  currency,
  description: z.string().nullable(),
  payer: person.nullable().describe('Set when only this person may pay'),
  expires_at: z.string(),
  created_at: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  success_url: z.string().nullable(),
  pay_url: z.string().describe('The hosted checkout page'),
  telegram_url: z.string().nullable().describe('Opens the bot, which shows the request and asks the payer’s code'),
  discord_command: z.string().describe('What to type to the bot on Discord'),
  paid: z
    .object({ by: person, transfer: z.string().describe('The payment’s reference (T…)'), refunded: amount, paid_at: z.string() })
    .nullable(),
});

export const requestListView = z.object({ items: z.array(paymentRequestView), next_cursor: z.string().nullable() });

export const refundView = z.object({
  object: z.literal('refund'),
  livemode,
  id: z.string().describe('The refund transfer’s reference (T…)'),
  payment_request: z.string(),
  amount,
  currency,
  remaining: amount.describe('What is left to refund of the payment'),
  created_at: z.string(),
});

export const balanceView = z.object({ livemode, balances: z.array(z.object({ currency, amount })) });

export const transactionsView = z.object({
  livemode,
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      direction: z.enum(['in', 'out']),
      amount,
      currency,
      description: z.string().nullable(),
      counterparty: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
  next_cursor: z.string().nullable(),
});

export const errorView = z.object({
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});

export type PaymentRequestView = z.infer<typeof paymentRequestView>;

export const eventsQuery = z.strictObject({ cursor: cursor.optional(), limit });

export const eventParams = z.strictObject({ id: z.string().regex(/^evt_[0-9a-f]{32}$/, { message: 'expected an event id (evt_…)' }) });

const attemptView = z.object({
  number: z.number().int(),
  at: z.string(),
  succeeded: z.boolean(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
});

export const eventView = z.object({
  id: z.string().describe('evt_…: the same in every attempt, so a receiver can drop repeats'),
  object: z.literal('event'),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  created: z.number().int().describe('Unix seconds'),
  delivery: z.enum(['pending', 'succeeded', 'failed', 'unsent']).describe('unsent: written while no endpoint was set'),
  next_attempt_at: z.string().nullable(),
  attempts: z.array(attemptView),
});

export const eventListView = z.object({ items: z.array(eventView), next_cursor: z.string().nullable() });

export const resendView = z.object({ id: z.string(), object: z.literal('event'), delivery: z.literal('pending') });

export const checkoutSettingsBody = z.strictObject({
  embed_origin: z.string().max(200).nullable().describe('The one site allowed to frame your checkout pages (https://your.shop), or null for none (the default)'),
});

export const checkoutSettingsView = z.object({ embed_origin: z.string().nullable() });
