/**
 * Expected outcomes that are not successes. The dotted `code` is stable: adapters map it
 * to an i18n key and HTTP maps its prefix to a status, so renaming one is a breaking change.
 */
export type ErrorCode =
  | 'money.invalid_amount'
  | 'money.not_positive'
  | 'money.too_many_decimals'
  | 'money.too_large'
  | 'money.unsupported_currency'
  | 'transfer.insufficient_funds'
  | 'transfer.self'
  | 'transfer.memo_too_long'
  | 'user.not_found'
  | 'account.frozen'
  | 'account.closed'
  | 'account.not_frozen'
  | 'account.frozen_by_operator'
  | 'account.frozen_by_owner'
  | 'account.not_empty'
  | 'account.open_requests'
  | 'account.open_challenges'
  | 'account.last_identity'
  | 'idempotency.conflict'
  | 'idempotency.invalid_key'
  | 'history.invalid_cursor'
  | 'limit.per_transaction'
  | 'limit.daily'
  | 'auth.not_enrolled'
  | 'auth.already_active'
  | 'auth.no_pending'
  | 'auth.wrong_code'
  | 'code.malformed'
  | 'code.invalid'
  | 'code.used'
  | 'code.blocked'
  | 'challenge.none'
  | 'challenge.expired'
  | 'challenge.cancelled'
  | 'challenge.locked'
  | 'request.not_found'
  | 'request.already_paid'
  | 'request.cancelled'
  | 'request.expired'
  | 'request.not_for_you'
  | 'request.changed'
  | 'request.own'
  | 'request.not_yours'
  | 'request.invalid_expiry'
  | 'refund.not_found'
  | 'refund.not_refundable'
  | 'refund.exceeds_remaining'
  | 'refund.not_payer'
  | 'refund.ask_not_found'
  | 'link.invalid_code'
  | 'link.code_used'
  | 'link.identity_in_use'
  | 'link.already_linked'
  | 'verification.invalid'
  | 'verification.pending_exists'
  | 'verification.not_found'
  | 'operator.required'
  | 'operator.self';

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

/** Every code above, for the test that each one is documented and translated. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'money.invalid_amount',
  'money.not_positive',
  'money.too_many_decimals',
  'money.too_large',
  'money.unsupported_currency',
  'transfer.insufficient_funds',
  'transfer.self',
  'transfer.memo_too_long',
  'user.not_found',
  'account.frozen',
  'account.closed',
  'account.not_frozen',
  'account.frozen_by_operator',
  'account.frozen_by_owner',
  'account.not_empty',
  'account.open_requests',
  'account.open_challenges',
  'account.last_identity',
  'idempotency.conflict',
  'idempotency.invalid_key',
  'history.invalid_cursor',
  'limit.per_transaction',
  'limit.daily',
  'auth.not_enrolled',
  'auth.already_active',
  'auth.no_pending',
  'auth.wrong_code',
  'code.malformed',
  'code.invalid',
  'code.used',
  'code.blocked',
  'challenge.none',
  'challenge.expired',
  'challenge.cancelled',
  'challenge.locked',
  'request.not_found',
  'request.already_paid',
  'request.cancelled',
  'request.expired',
  'request.not_for_you',
  'request.changed',
  'request.own',
  'request.not_yours',
  'request.invalid_expiry',
  'refund.not_found',
  'refund.not_refundable',
  'refund.exceeds_remaining',
  'refund.not_payer',
  'refund.ask_not_found',
  'link.invalid_code',
  'link.code_used',
  'link.identity_in_use',
  'link.already_linked',
  'verification.invalid',
  'verification.pending_exists',
  'verification.not_found',
  'operator.required',
  'operator.self',
];
