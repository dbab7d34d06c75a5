import { exponentOf, type CurrencyCode, type Money } from '../money/index.js';

/**
 * An exchange rate as an exact fraction: how many major units of `quote` one major unit of `base`
 * buys. Kept as two bigints so inverse and cross rates (EUR→JPY through CNY) stay exact; only the
 * final amount is rounded, once.
 */
export interface ExactRate {
  readonly base: CurrencyCode;
  readonly quote: CurrencyCode;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** How a converted amount is cut to minor units: what a person receives rounds down, what they pay rounds up. */
export type Rounding = 'down' | 'up';

const RATE_TEXT = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/**
 * Reads an operator's rate (`7.1234`) exactly: plain decimal digits, positive, at most 12 digits
 * on each side of the point. Anything else is `undefined` rather than a float's best guess.
 */
export function parseRate(base: CurrencyCode, quote: CurrencyCode, text: string): ExactRate | undefined {
  const match = RATE_TEXT.exec(text.trim());
  if (!match || base === quote) return undefined;
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1]! + fraction);
  if (numerator === 0n) return undefined;
  return reduce({ base, quote, numerator, denominator: 10n ** BigInt(fraction.length) });
}

/** The same rate seen from the other side (CNY→USD from USD→CNY), exact. */
export function invertRate(rate: ExactRate): ExactRate {
  return { base: rate.quote, quote: rate.base, numerator: rate.denominator, denominator: rate.numerator };
}

/** A cross rate through a shared currency: `first` base→via, `second` via→quote, exact. */
export function crossRate(first: ExactRate, second: ExactRate): ExactRate {
  if (first.quote !== second.base) throw new TypeError(`cannot chain ${first.base}/${first.quote} with ${second.base}/${second.quote}`);
  if (first.base === second.quote) throw new TypeError(`a cross rate of ${first.base} to itself`);
  return reduce({
    base: first.base,
    quote: second.quote,
    numerator: first.numerator * second.numerator,
    denominator: first.denominator * second.denominator,
  });
}

/**
 * Converts an amount of the rate's base currency into its quote currency, rounded once to the
 * quote currency's minor unit in the stated direction. Exponents are taken into account exactly
 * (100 JPY minor units are 100 yen; 100 CNY minor units are 1 yuan).
 */
export function convert(amount: Money, rate: ExactRate, rounding: Rounding): Money {
  if (amount.currency !== rate.base) throw new TypeError(`a ${rate.base} rate cannot convert ${amount.currency}`);
  const shift = exponentOf(rate.quote) - exponentOf(rate.base);
  let numerator = amount.minor * rate.numerator;
  let denominator = rate.denominator;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return { currency: rate.quote, minor: divide(numerator, denominator, rounding) };
}

/** The rate as decimal text with `digits` decimals, rounded half up — for showing, never for computing. */
export function formatRate(rate: ExactRate, digits: number): string {
  const scaled = divide(rate.numerator * 10n ** BigInt(digits) * 2n + rate.denominator, rate.denominator * 2n, 'down');
  const text = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function divide(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const quotient = numerator / denominator;
  return rounding === 'up' && quotient * denominator !== numerator ? quotient + 1n : quotient;
}

function reduce(rate: ExactRate): ExactRate {
  const divisor = gcd(rate.numerator, rate.denominator);
  return { ...rate, numerator: rate.numerator / divisor, denominator: rate.denominator / divisor };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
