/**
 * What kind of "no" an outcome is, which decides how a transport answers it:
 * - `invalid`: the input is malformed and no wallet state would make it valid (HTTP 400);
 * - `refusal`: understood, but the wallet's rules say no now — funds, limits, a frozen wallet (422);
 * - `not_found`: the thing named does not exist, or not for this caller (404);
 * - `conflict`: the state of the thing does not allow it — already paid, key reused, code spent (409);
 * - `forbidden`: this caller may not do it, whatever the state (403);
 * - `unauthenticated`: the caller could not be told who it is — a missing, wrong or revoked API key (401);
 * - `fault`: a bug or an outage. Faults are thrown, never returned; the kind exists so a transport
 *   maps what it caught with the same table (500).
 */
export type ErrorKind = 'invalid' | 'refusal' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'fault';

export interface ErrorSpec {
  readonly kind: ErrorKind;
  /** The HTTP status a merchant API answers with; the kind's usual one unless a code needs its own. */
  readonly status: number;
}

const invalid = { kind: 'invalid', status: 400 } as const;
const refusal = { kind: 'refusal', status: 422 } as const;
const notFound = { kind: 'not_found', status: 404 } as const;
const conflict = { kind: 'conflict', status: 409 } as const;
const forbidden = { kind: 'forbidden', status: 403 } as const;

/**
 * Every expected outcome that is not a success, declared once. The dotted code is stable: it is the
 * i18n key of the message, the `error_code` the ledger's SQL stores (a test holds the SQL to this
 * table) and what a merchant API returns, so renaming one is a breaking change.
 */
export const ERRORS = {
  'money.invalid_amount': invalid,
  'money.not_positive': invalid,
  'money.too_many_decimals': invalid,
  'money.too_large': invalid,
  'money.unsupported_currency': invalid,
  'transfer.insufficient_funds': refusal,
  'transfer.self': refusal,
  'transfer.memo_too_long': invalid,
  'user.not_found': notFound,
  'account.frozen': refusal,
  'account.closed': refusal,
  'account.not_frozen': conflict,
  'account.frozen_by_operator': forbidden,
  'account.frozen_by_owner': forbidden,
  'account.not_empty': conflict,
  'account.open_requests': conflict,
  'account.open_challenges': conflict,
  'account.last_identity': conflict,
  'idempotency.conflict': conflict,
  'idempotency.invalid_key': invalid,
  'history.invalid_cursor': invalid,
  'limit.per_transaction': refusal,
  'limit.daily': refusal,
  'auth.not_enrolled': forbidden,
  'auth.already_active': conflict,
  'auth.no_pending': conflict,
  'auth.wrong_code': forbidden,
  'code.malformed': invalid,
  'code.invalid': forbidden,
  'code.used': conflict,
  // a rate limit: the caller should wait, as `params.minutes` says
  'code.blocked': { kind: 'refusal', status: 429 },
  'challenge.none': notFound,
  'challenge.expired': conflict,
  'challenge.cancelled': conflict,
  'challenge.locked': conflict,
  'request.not_found': notFound,
  'request.already_paid': conflict,
  'request.cancelled': conflict,
  'request.expired': conflict,
  'request.not_for_you': forbidden,
  'request.changed': conflict,
  'request.own': refusal,
  'request.not_yours': forbidden,
  'request.invalid_expiry': invalid,
  'refund.not_found': notFound,
  'refund.not_refundable': forbidden,
  'refund.exceeds_remaining': refusal,
  'refund.not_payer': forbidden,
  'refund.ask_not_found': notFound,
  'link.invalid_code': notFound,
  'link.code_used': conflict,
  'link.identity_in_use': conflict,
  'link.already_linked': conflict,
  'verification.invalid': invalid,
  'verification.pending_exists': conflict,
  'verification.not_found': notFound,
  'operator.required': forbidden,
  'operator.self': forbidden,
  'support.empty': invalid,
  'support.too_long': invalid,
  'support.not_found': notFound,
  'claim.not_found': notFound,
  'claim.own': refusal,
  'claim.not_for_you': forbidden,
  'claim.already_claimed': conflict,
  'claim.once': conflict,
  'claim.expired': conflict,
  'claim.cancelled': conflict,
  'claim.not_yours': forbidden,
  'claim.invalid_count': invalid,
  'claim.too_small': invalid,
  'claim.offer_gone': notFound,
  'account.open_claims': conflict,
  'merchant.invalid_name': invalid,
  'merchant.required': forbidden,
  'merchant.invalid_embed_origin': invalid,
  'apikey.not_found': notFound,
  'apikey.ambiguous': conflict,
  'request.not_paid': conflict,
  'webhook.invalid_url': invalid,
  'webhook.not_set': notFound,
  'webhook.event_not_found': notFound,
  'api.unauthorized': { kind: 'unauthenticated', status: 401 },
  'api.invalid_body': invalid,
  'api.not_found': notFound,
  'api.body_too_large': { kind: 'invalid', status: 413 },
  'api.unsupported_media_type': { kind: 'invalid', status: 415 },
  // a rate limit: the response's Retry-After says when to try again
  'api.rate_limited': { kind: 'refusal', status: 429 },
  'idempotency.key_required': invalid,
  // the key was used for another request: retrying cannot help, so not a conflict of state
  'idempotency.body_mismatch': refusal,
  'idempotency.in_progress': conflict,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** Every code of {@link ERRORS}, for the tests that each one is documented, translated and known to the SQL. */
export const ERROR_CODES = Object.keys(ERRORS) as readonly ErrorCode[];

/** Whether a code read from outside the type system (the ledger's SQL) is one of the table's. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The kind of an outcome, so transports answer alike without a list of codes of their own. */
export function errorKindOf(code: ErrorCode): ErrorKind {
  return ERRORS[code].kind;
}

/** The HTTP status for a code, so a merchant API maps every outcome in one place. */
export function httpStatusOf(code: ErrorCode): number {
  return ERRORS[code].status;
}

export type ErrorParams = Record<string, string | number>;

export interface WalletError {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WalletError };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, params: ErrorParams = {}): Outcome<T> {
  return { ok: false, error: { code, params } };
}
