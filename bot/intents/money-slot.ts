import type { CurrencyCode } from '../../core/money/index.js';
import { currencyWord, isLookAlikeCode, isOtherCurrency, MAGNITUDE_WORDS, readNumber, type NumberToken, type TypedAmount } from './amount.js';
import type { AmountIssue } from './intent.js';

/** The amount a message names, exactly, or why it cannot be read without a guess; `used` are its tokens. */
export interface MoneySlot {
  amount?: TypedAmount;
  amountIssue?: AmountIssue;
  used: Set<number>;
}

const distinct = (currencies: (CurrencyCode | undefined)[]) => [...new Set(currencies.filter((c): c is CurrencyCode => c !== undefined))];

/**
 * Reads the amount among a message's tokens (those `free`, not mentions or references). Exactly
 * one number with at most one currency is an amount; a currency written next to it (`10 USD`,
 * `USD 10`) or anywhere else in the message (`10 to @bob USD`) counts, so two different ones
 * (`$10 CNY`, or a detached USD beside a bare number that would mean CNY) become the question
 * “which currency”. A currency the wallet does not hold is named back, never dropped into the
 * memo; two numbers, a magnitude (`1万`) or a malformed numeral ask how much. No number but a
 * currency keeps that currency for the question.
 */
export function readMoney(tokens: string[], free: (index: number) => boolean): MoneySlot {
  const used = new Set<number>();
  const numbers: { index: number; read: NumberToken }[] = [];
  const currencies: { index: number; currency: CurrencyCode }[] = [];
  let unsupported: string | undefined;
  let unclear = false;
  tokens.forEach((token, index) => {
    if (!free(index)) return;
    const read = readNumber(token);
    const currency = read ? undefined : currencyWord(token);
    if (read) numbers.push({ index, read });
    else if (currency) currencies.push({ index, currency });
    else if (isLookAlikeCode(token)) unsupported ??= token;
    else return;
    used.add(index);
  });
  for (const { index, read } of numbers) {
    if ('unsupported' in read) unsupported ??= read.unsupported;
    if ('unclear' in read) unclear = true;
    const prev = tokens[index - 1];
    if (prev !== undefined && free(index - 1) && !used.has(index - 1) && /^\p{Sc}+$/u.test(prev) && isOtherCurrency(prev)) {
      unsupported ??= prev;
      used.add(index - 1);
    }
    const next = tokens[index + 1];
    if (next === undefined || !free(index + 1) || used.has(index + 1)) continue;
    if (MAGNITUDE_WORDS.has(next)) unclear = true;
    else if (isOtherCurrency(next)) unsupported ??= next;
    else continue;
    used.add(index + 1);
  }
  if (unsupported) return { amountIssue: { reason: 'unsupported_currency', written: unsupported }, used };
  const written = distinct([...currencies.map((c) => c.currency), ...numbers.map(({ read }) => ('currency' in read ? read.currency : undefined))]);
  const [only] = numbers;
  if (unclear || numbers.length > 1 || !only || !('decimal' in only.read)) {
    return unclear || numbers.length > 0 || written.length > 0 ? { amountIssue: { reason: 'unclear', ...(written.length ? { currencies: written } : {}) }, used } : { used };
  }
  const adjacent = (index: number) => index === only.index - 1 || index === only.index + 1;
  const attached = distinct([only.read.currency, ...currencies.filter((c) => adjacent(c.index)).map((c) => c.currency)]);
  const detached = distinct(currencies.filter((c) => !adjacent(c.index)).map((c) => c.currency));
  // a bare number means CNY, so a currency written away from it is a second candidate, not its currency
  const options = distinct([...attached, ...detached, ...(attached.length === 0 && detached.length > 0 ? ['CNY' as const] : [])]);
  if (options.length > 1) return { amountIssue: { reason: 'which_currency', decimal: only.read.decimal, options }, used };
  return { amount: { decimal: only.read.decimal, ...(options[0] ? { currency: options[0] } : {}) }, used };
}
