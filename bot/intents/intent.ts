import { z } from 'zod';
import { CURRENCY_CODES, type CurrencyCode } from '../../core/money/index.js';
import { PUBLIC_ID, REFERENCE } from '../replies/refs.js';

const currency = z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]);
const amount = z.object({ decimal: z.string(), currency: currency.optional() });
/**
 * Why an amount that was written cannot be read without a guess: unclear (`1万`, `10 20`, `五五`,
 * or only a currency) asks how much, keeping the currencies written; two candidate currencies
 * ask which; a currency the wallet does not hold is named back.
 */
const amountIssueSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('unclear'), currencies: z.array(currency).optional() }),
  z.object({ reason: z.literal('which_currency'), decimal: z.string(), options: z.array(currency).min(2) }),
  z.object({ reason: z.literal('unsupported_currency'), written: z.string() }),
]);
const amountIssue = amountIssueSchema.optional();
/** Telegram handles are `A-Za-z0-9_`; Discord usernames may also hold dots. */
const handle = z.string().regex(/^[A-Za-z0-9_.]{1,64}$/);
/** A mention that is not a whole handle (a look-alike or invisible character), as written: refused, never shortened. */
const unreadableHandle = z.string().optional();
const ref = z.string().regex(REFERENCE).transform((r) => r.toUpperCase());
/** Free text (memo, reason, name) is not capped here: the wallet refuses what is too long, with a message. */
const text = z.string();
/** A claim link's secret: base64url, as it stands in the link (never changed, as a code is not). */
const claimSecret = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const publicId = z.string().regex(PUBLIC_ID);
const ticket = z.string().regex(/^S[1-9]\d{0,17}$/i).transform((r) => r.toUpperCase());

/** What a message asks for, whatever language or form it came in. Parts may be missing: handlers ask. */
export const intentSchema = z.discriminatedUnion('kind', [
  /** `claim` is the secret of a claim link the person opened (`/start claim_…`); `pay` the public id
   * of a request they came to pay (Telegram's `?start=pay_<id>` link). */
  z.object({ kind: z.literal('start'), claim: claimSecret.optional(), pay: publicId.optional() }),
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('balance') }),
  z.object({ kind: z.literal('statement') }),
  z.object({ kind: z.literal('freeze') }),
  /** Suspicion without a request (“I don't recognise this payment”): asked once, with a Freeze button. */
  z.object({ kind: z.literal('ask_freeze') }),
  z.object({ kind: z.literal('unfreeze') }),
  z.object({ kind: z.literal('setup_2fa') }),
  z.object({ kind: z.literal('close') }),
  z.object({ kind: z.literal('cancel') }),
  z.object({ kind: z.literal('unknown') }),
  z.object({ kind: z.literal('history') }),
  z.object({ kind: z.literal('send'), to: handle.optional(), unreadableHandle, amount: amount.optional(), amountIssue, memo: text.optional() }),
  z.object({ kind: z.literal('request'), amount: amount.optional(), amountIssue, memo: text.optional(), payer: handle.optional(), unreadableHandle }),
  /** `ref` is a chat reference (R7); `publicId` a request's public id from a link or page (`/pay pr_…`, `/start pay_pr_…`). */
  z.object({ kind: z.literal('pay'), ref: ref.optional(), publicId: publicId.optional() }),
  z.object({ kind: z.literal('refund'), ref: ref.optional(), amount: amount.optional(), amountIssue }),
  z.object({ kind: z.literal('ask_refund'), ref: ref.optional(), reason: text.optional() }),
  z.object({ kind: z.literal('verify'), document: z.string().max(40).optional(), name: text.optional() }),
  z.object({ kind: z.literal('recover'), code: z.string().max(40).optional() }),
  z.object({ kind: z.literal('link'), code: z.string().max(40).optional() }),
  z.object({ kind: z.literal('unlink'), platform: z.enum(['telegram', 'discord', 'console']).optional() }),
  z.object({ kind: z.literal('language'), locale: z.enum(['en', 'zh-CN']).optional() }),
  z.object({ kind: z.literal('confirm'), code: z.string().max(40).optional() }),
  z.object({ kind: z.literal('deposit'), user: handle.optional(), unreadableHandle, amount: amount.optional(), amountIssue }),
  z.object({ kind: z.literal('withdraw'), user: handle.optional(), unreadableHandle, amount: amount.optional(), amountIssue }),
  z.object({ kind: z.literal('approve'), id: z.string().max(20).optional() }),
  z.object({ kind: z.literal('reject'), id: z.string().max(20).optional(), reason: text.optional() }),
  z.object({ kind: z.literal('freezeuser'), user: handle.optional(), unreadableHandle }),
  z.object({ kind: z.literal('unfreezeuser'), user: handle.optional(), unreadableHandle }),
  z.object({ kind: z.literal('support'), message: text.optional() }),
  z.object({ kind: z.literal('reply'), ticket: ticket.optional(), message: text.optional() }),
  z.object({ kind: z.literal('tickets') }),
  /** Money held for a link: `count` people claim equal parts; `once` allows one part per person. */
  z.object({
    kind: z.literal('cheque'),
    amount: amount.optional(),
    amountIssue,
    count: z.number().int().optional(),
    forHandle: handle.optional(),
    unreadableHandle,
    once: z.boolean().optional(),
    memo: text.optional(),
  }),
  z.object({ kind: z.literal('claim'), secret: claimSecret.optional() }),
  z.object({ kind: z.literal('claims') }),
  z.object({ kind: z.literal('merchant'), name: text.optional() }),
  /** `/apikey` issues (a live key; `test` asks for a sandbox key), `list` lists, `revoke LAST4 [all]` revokes. */
  z.object({
    kind: z.literal('apikey'),
    action: z.enum(['issue', 'list', 'revoke']),
    mode: z.enum(['live', 'test']).optional(),
    last4: z.string().regex(/^[A-Za-z0-9]{4}$/).optional(),
    all: z.boolean().optional(),
  }),
  /** `/webhook URL` sets the endpoint, `rotate` makes a new secret, alone it shows the endpoint. */
  z.object({ kind: z.literal('webhook'), action: z.enum(['show', 'set', 'rotate']), url: z.string().optional() }),
]);

export type Intent = z.infer<typeof intentSchema>;
export type IntentKind = Intent['kind'];
export type AmountIssue = z.infer<typeof amountIssueSchema>;
