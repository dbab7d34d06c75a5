import { z } from 'zod';
import { toCurrencyCode, type CurrencyCode } from '../money/index.js';
import type { ChallengeKind, ChallengePayloads, KindAndPayload } from '../ports/index.js';

const id = z.string().regex(/^\d+$/);
const currency = z.string().transform((code, ctx): CurrencyCode => {
  const known = toCurrencyCode(code);
  if (!known) ctx.addIssue({ code: 'custom', message: `unknown currency ${code}` });
  return known ?? 'CNY';
});
const amount = {
  currency,
  minor: z.string().regex(/^\d+$/),
  memo: z.string().nullish().transform((memo) => memo ?? null),
};
const platform = z.enum(['telegram', 'discord', 'console']);
const none = z.object({}).transform((): Record<string, never> => ({}));

const PAYLOADS = {
  send: z.object({ ...amount, toUserId: id }),
  claim: z.object({
    ...amount,
    slots: z.number().int().min(1),
    forHandle: z.string().nullable(),
    once: z.boolean(),
    days: z.number().int().min(1),
    room: z.string().nullable(),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  }),
  /** `fromUserId`: a test request is paid from the payer's sandbox twin, confirmed with the payer's own code. */
  pay_request: z.object({ ...amount, requestId: id, merchantId: id, fromUserId: id.optional() }),
  refund: z.object({ ...amount, transferId: id, toUserId: id }),
  withdraw: z.object({ ...amount, userId: id }),
  deposit: z.object({ ...amount, userId: id }),
  unfreeze: none,
  close_account: none,
  reset_authenticator: none,
  link_identity: z.object({ platform, platformUserId: z.string().min(1), codeHash: z.string().min(1) }),
  unlink_identity: z.object({ platform, platformUserId: z.string().min(1) }),
  decide_verification: z.object({ verificationId: id, userId: id, approve: z.boolean(), reason: z.string().nullable() }),
  freeze_user: z.object({ userId: id }),
  unfreeze_user: z.object({ userId: id }),
  issue_api_key: z.object({ mode: z.enum(['live', 'test']) }),
  set_webhook: z.object({ url: z.string().url() }),
} satisfies { [K in ChallengeKind]: z.ZodType<ChallengePayloads[K]> };

/**
 * Reads a stored challenge's kind and payload back into their typed pair. Total: an unknown kind
 * or a payload that does not fit it is `undefined` — such a challenge can never be run — rather
 * than an executor reading fields that are not there.
 */
export function decodeChallengePayload(kind: string, payload: unknown): KindAndPayload | undefined {
  if (!Object.hasOwn(PAYLOADS, kind)) return undefined;
  const parsed = PAYLOADS[kind as ChallengeKind].safeParse(payload);
  return parsed.success ? ({ kind, payload: parsed.data } as KindAndPayload) : undefined;
}
