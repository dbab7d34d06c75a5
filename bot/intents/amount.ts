import { toCurrencyCode, type CurrencyCode } from '../../core/money/index.js';

/** An amount as typed: exact decimal text and, if the person named one, the currency. */
export interface TypedAmount {
  decimal: string;
  currency?: CurrencyCode;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C]/g;

/** Full-width digits, dot and comma (１０．５) to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CURRENCY_WORDS: Record<string, CurrencyCode> = {
  '¥': 'CNY', '￥': 'CNY', '元': 'CNY', '块': 'CNY', '块钱': 'CNY', '人民币': 'CNY', rmb: 'CNY', yuan: 'CNY',
  '$': 'USD', '美元': 'USD', '美金': 'USD', dollar: 'USD', dollars: 'USD', usd: 'USD',
  '€': 'EUR', '欧元': 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', '英镑': 'GBP', pound: 'GBP', pounds: 'GBP',
  '港币': 'HKD', '港元': 'HKD', 'hk$': 'HKD',
  '日元': 'JPY', yen: 'JPY',
};

export function currencyWord(word: string): CurrencyCode | undefined {
  const lower = word.toLowerCase();
  return CURRENCY_WORDS[lower] ?? (/^[a-z]{3}$/i.test(word) ? toCurrencyCode(word) : undefined);
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Chinese numerals up to 千万 (五十 → 50, 一百二十 → 120, 两千 → 2000), including the spoken
 * shorthand where a last digit right after a unit means the next unit down (一百五 → 150,
 * 两千五 → 2500, 一万五 → 15000); undefined if not one.
 */
export function chineseNumber(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  let afterUnit = false;
  for (const char of text) {
    if (char in DIGITS) {
      digit = DIGITS[char];
      afterUnit = afterUnit && DIGITS[char] !== 0;
      if (DIGITS[char] === 0) lastUnit = 0;
      continue;
    }
    const unit = char === '万' ? 10_000 : UNITS[char]!;
    if (char === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
    } else {
      section += (digit ?? 1) * unit;
    }
    digit = undefined;
    lastUnit = unit;
    afterUnit = true;
  }
  const tail = digit === undefined ? 0 : afterUnit && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  return total + section + tail;
}

/** Words that scale or split an amount (1万, 5千块, 10元5角): the number alone would be a guess. */
export const MAGNITUDE_WORDS = new Set(['万', '千', '百', '亿', 'k', 'K', 'm', 'M', '角', '毛', '分', '千块', '万元', '千元', '百元']);

const SYMBOL_FIRST = /^(hk\$|[¥￥$€£])\s*([\d.,]+)$/i;
const NUMBER_THEN_WORD = /^([\d.,]+)\s*([^\d\s.,]*)$/;

/** Reads one token (or two: `10 CNY`) as an amount; the decimal is validated later, exactly. */
export function readAmount(token: string, next?: string): { amount: TypedAmount; used: number } | undefined {
  const text = toHalfWidth(token.trim());
  const symbolFirst = SYMBOL_FIRST.exec(text);
  if (symbolFirst) return { amount: { decimal: symbolFirst[2]!, currency: currencyWord(symbolFirst[1]!) }, used: 1 };
  const chinese = /^([零〇一二两三四五六七八九十百千万]+)(元|块|块钱|美元|欧元|英镑|港币|港元|日元)?$/.exec(text);
  if (chinese) {
    const value = chineseNumber(chinese[1]!);
    if (value === undefined) return undefined;
    if (chinese[2]) return { amount: { decimal: String(value), currency: currencyWord(chinese[2])! }, used: 1 };
    const following = next && currencyWord(toHalfWidth(next));
    return following ? { amount: { decimal: String(value), currency: following }, used: 2 } : { amount: { decimal: String(value) }, used: 1 };
  }
  const numberFirst = NUMBER_THEN_WORD.exec(text);
  if (!numberFirst || !/\d/.test(numberFirst[1]!)) return undefined;
  const [, decimal, suffix] = numberFirst;
  if (suffix) {
    const currency = currencyWord(suffix);
    return currency ? { amount: { decimal: decimal!, currency }, used: 1 } : undefined;
  }
  const following = next && currencyWord(toHalfWidth(next));
  return following ? { amount: { decimal: decimal!, currency: following }, used: 2 } : { amount: { decimal: decimal! }, used: 1 };
}
