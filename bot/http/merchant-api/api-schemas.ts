import { z } from 'zod';
import { CURRENCY_CODES, type CurrencyCode } from '../../../core/money/index.js';
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
const metadata = z
  .record(z.string(), z.unknown())
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
  success_url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('Where the checkout page sends the payer once paid'),
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

const person = z.object({ handle: z.string().nullable(), platform: z.string() });
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
