import { fail, ok, type Outcome } from '../errors.js';
import { exponentOf, toCurrencyCode, type CurrencyCode } from './currency.js';

/** An amount in integer minor units of one currency. Never a JS number. */
export interface Money<C extends CurrencyCode = CurrencyCode> {
  readonly currency: C;
  readonly minor: bigint;
}

/** Largest amount the wallet accepts in one movement, in minor units (10^15). */
export const MAX_MINOR = 10n ** 15n;

export function money<C extends CurrencyCode>(currency: C, minor: bigint): Money<C> {
  return { currency, minor };
}

/** Adds two amounts; the type system refuses two different currencies, and so does the runtime. */
export function add<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameCurrency(a, b);
  return { currency: a.currency, minor: a.minor + b.minor };
}

export function subtract<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameCurrency(a, b);
  return { currency: a.currency, minor: a.minor - b.minor };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new TypeError(`cannot combine ${a.currency} with ${b.currency}`);
}

/** Canonical decimal text without grouping, e.g. `1000.50` for CNY, `1000` for JPY. */
export function toDecimalString(m: Money): string {
  const exponent = exponentOf(m.currency);
  const sign = m.minor < 0n ? '-' : '';
  const digits = (m.minor < 0n ? -m.minor : m.minor).toString().padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Formats for people, e.g. `1,000.50 CNY`; locale-aware symbols are the chat layer's job (Intl). */
export function formatMoney(m: Money): string {
  const [whole, fraction] = toDecimalString(m).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${m.currency}`;
}

const DECIMAL = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Parses a positive decimal amount exactly. Too many decimals is an error rather than a
 * rounding, because a silently rounded payment is a payment the user did not ask for.
 */
export function parseAmount(text: string, currencyText: string): Outcome<Money> {
  const currency = toCurrencyCode(currencyText);
  if (!currency) return fail('money.unsupported_currency', { currency: currencyText });
  const trimmed = text.trim();
  if (/^[-−]/.test(trimmed)) return fail('money.not_positive', { amount: trimmed });
  const match = DECIMAL.exec(trimmed);
  if (!match) return fail('money.invalid_amount', { amount: trimmed });
  const [whole, fraction = ''] = trimmed.replaceAll(',', '').split('.');
  const exponent = exponentOf(currency);
  if (fraction.replace(/0+$/, '').length > exponent) {
    return fail('money.too_many_decimals', { amount: trimmed, currency, decimals: exponent });
  }
  const minor = BigInt(whole! + fraction.padEnd(exponent, '0').slice(0, exponent));
  return checkMovable(money(currency, minor));
}

/** Accepts an amount that may move: positive and at most {@link MAX_MINOR}. */
export function checkMovable(m: Money): Outcome<Money> {
  if (m.minor <= 0n) return fail('money.not_positive', { amount: toDecimalString(m) });
  if (m.minor > MAX_MINOR) {
    return fail('money.too_large', { max: formatMoney(money(m.currency, MAX_MINOR)) });
  }
  return ok(m);
}
