import { toCurrencyCode, type CurrencyCode } from '../../core/money/index.js';
import { chineseNumber } from './chinese-numerals.js';

/** An amount as typed: exact decimal text and, if the person named one, the currency. */
export interface TypedAmount {
  decimal: string;
  currency?: CurrencyCode;
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/**
 * Full-width ASCII (a Chinese input method's `１０．５`, `＠ｂｏｂ`, `ｓｅｎｄ`) and the ideographic
 * space to ASCII: the same characters in another width, as NFKC maps them, so nothing is guessed.
 */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const CURRENCY_WORDS: Record<string, CurrencyCode> = {
  '¥': 'CNY', '￥': 'CNY', '元': 'CNY', '块': 'CNY', '块钱': 'CNY', '人民币': 'CNY', rmb: 'CNY', yuan: 'CNY',
  '$': 'USD', '美元': 'USD', '美金': 'USD', dollar: 'USD', dollars: 'USD', usd: 'USD',
  '€': 'EUR', '欧元': 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', '英镑': 'GBP', pound: 'GBP', pounds: 'GBP',
  '港币': 'HKD', '港元': 'HKD', 'hk$': 'HKD',
  '日元': 'JPY', yen: 'JPY',
};

/** A currency the wallet holds, by symbol, word or ISO code. */
export function currencyWord(word: string): CurrencyCode | undefined {
  const lower = word.toLowerCase();
  return CURRENCY_WORDS[lower] ?? (/^[a-z]{3}$/i.test(word) ? toCurrencyCode(word) : undefined);
}

/** ISO codes people use that the wallet does not hold (lower case is read too: `10 aud`). */
const OTHER_CODES = new Set(
  'aud cad chf sgd nzd krw twd mop thb myr idr php vnd inr rub brl mxn ars clp zar sek nok dkk pln czk huf ils aed sar egp ngn kes pkr bdt uah btc eth usdt'.split(' '),
);
const OTHER_NAMES = new Set(['rupee', 'rupees', 'ruble', 'rubles', 'rouble', 'roubles', 'baht', 'franc', 'francs', 'peso', 'pesos', 'lira', 'krona', 'krone', 'kronor', 'ringgit', 'won', 'bitcoin', 'bitcoins']);
const OTHER_CHINESE = /^[\u3400-\u9fff]{0,4}(?:元|币|镑|铢|卢布|法郎|比索|卢比|克朗|里拉|兰特|令吉)$/;

/**
 * A three-letter word mixing Latin with letters of another script (`UЅD` with a Cyrillic Ѕ): a
 * currency code with a look-alike letter, refused wherever it stands rather than read as a word
 * of the memo. (`été` is all Latin, and stays a word.)
 */
export function isLookAlikeCode(word: string): boolean {
  return /^\p{L}{3}$/u.test(word) && /\p{Script=Latin}/u.test(word) && /[^\p{Script=Latin}]/u.test(word);
}

/**
 * A word right after a number that names a currency the wallet does not hold: any three capitals
 * (`400 JPN`), a known foreign code or name, a currency sign, a Chinese currency name (韩元).
 */
export function isOtherCurrency(word: string): boolean {
  if (currencyWord(word)) return false;
  const lower = word.toLowerCase();
  return /^\p{Sc}+$/u.test(word) || /^\p{Lu}{3}$/u.test(word) || OTHER_CODES.has(lower) || OTHER_NAMES.has(lower) || OTHER_CHINESE.test(word) || isLookAlikeCode(word);
}

/** Words that scale or split an amount (1万, 5千块, 10元5角): the number alone would be a guess. */
export const MAGNITUDE_WORDS = new Set(['万', '千', '百', '亿', 'k', 'K', 'm', 'M', '角', '毛', '分', '千块', '万元', '千元', '百元']);

/** One token read as a number: its decimal (sign kept) and attached currency, or why it is not exact. */
export type NumberToken = { decimal: string; currency?: CurrencyCode } | { unclear: true } | { unsupported: string };

const MINUS = /[\u2212\u2013\ufe63\uff0d]/g;
const SYMBOL_FIRST = /^(-?)(hk\$|\p{Sc})(-?)([\d.,]*\d[\d.,]*)$/iu;
const NUMBER_FIRST = /^(-?[\d.,]*\d[\d.,]*)(.*)$/;
const NUMERAL_FIRST = /^(-?)([零〇一二两三四五六七八九十百千万]+)(.*)$/;

/** What a number's suffix makes of it: its currency, a magnitude (unclear), another currency, or not an amount. */
function withSuffix(decimal: string, suffix: string): NumberToken | undefined {
  if (!suffix) return { decimal };
  const currency = currencyWord(suffix);
  if (currency) return { decimal, currency };
  if (MAGNITUDE_WORDS.has(suffix)) return { unclear: true };
  return isOtherCurrency(suffix) ? { unsupported: suffix } : undefined;
}

/**
 * Reads one token as a number: `10`, `-5`, `1,000.50`, `¥10`, `10元`, `400JPN`, `五十元`. The
 * decimal is validated later, exactly; a malformed Chinese numeral is unclear, not some value.
 */
export function readNumber(token: string): NumberToken | undefined {
  const text = toHalfWidth(token).replace(MINUS, '-');
  const symbolFirst = SYMBOL_FIRST.exec(text);
  if (symbolFirst) {
    const [, before, symbol, after, digits] = symbolFirst;
    const decimal = `${before || after ? '-' : ''}${digits}`;
    const currency = currencyWord(symbol!);
    return currency ? { decimal, currency } : { unsupported: symbol! };
  }
  const numberFirst = NUMBER_FIRST.exec(text);
  if (numberFirst) return withSuffix(numberFirst[1]!, numberFirst[2]!);
  const numeral = NUMERAL_FIRST.exec(text);
  if (!numeral) return undefined;
  const [, sign, chars, suffix] = numeral;
  const shape = withSuffix('0', suffix!);
  if (!shape) return undefined;
  const value = chineseNumber(chars!);
  if (value === undefined || 'unclear' in shape) return { unclear: true };
  return 'unsupported' in shape ? shape : { ...shape, decimal: `${sign}${value}` };
}
