/** ISO 4217 minor-unit exponents of the currencies the wallet holds. */
export const CURRENCY_EXPONENTS = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

/** Narrows user or database text to a supported currency code (case-insensitive). */
export function toCurrencyCode(text: string): CurrencyCode | undefined {
  const code = text.trim().toUpperCase();
  return Object.hasOwn(CURRENCY_EXPONENTS, code) ? (code as CurrencyCode) : undefined;
}

export function exponentOf(currency: CurrencyCode): number {
  return CURRENCY_EXPONENTS[currency];
}
