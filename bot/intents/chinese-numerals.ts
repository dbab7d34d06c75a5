/**
 * Chinese numerals as people write amounts: 五十, 一百二十, 两千, 一千零一, 三万五千, and the spoken
 * shorthand where a last digit right after 百, 千 or 万 means the next unit down (一百五 = 150,
 * 两千五 = 2500, 一万五 = 15000). Anything else — 五五, 十十, 百五, 一千五十 — is not read as some
 * value: it is refused, so the person is asked how much they meant.
 */

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const ZERO = /[零〇]/;

const NUMERAL_CHARS = /^[零〇一二两三四五六七八九十百千万]+$/;

/**
 * One section below 万 (0–9999): digit–unit pairs in falling order, 零 standing for each gap
 * (一千零五), a bare 十 only at the very start (十五), 两 only before 百 or 千.
 */
function section(text: string, bareTenAllowed: boolean): number | undefined {
  const chars = Array.from(text);
  let value = 0;
  let lastUnit: number | undefined;
  let zero = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const next = chars[i + 1];
    if (ZERO.test(char)) {
      if (zero || i === 0 || next === undefined) return undefined;
      zero = true;
      continue;
    }
    if (char === '十' && i === 0 && bareTenAllowed) {
      value = 10;
      lastUnit = 10;
      continue;
    }
    const digit = DIGITS[char];
    if (digit === undefined) return undefined;
    const unit = next === undefined ? undefined : UNITS[next];
    if (unit !== undefined) {
      if (lastUnit !== undefined && unit >= lastUnit) return undefined;
      if (char === '两' && unit === 10) return undefined;
      // a skipped place needs its 零 (一千零五十), and a 零 must skip one (not 一千零五百)
      if (lastUnit !== undefined && zero !== (unit < lastUnit / 10)) return undefined;
      value += digit * unit;
      lastUnit = unit;
      zero = false;
      i += 1;
      continue;
    }
    if (next !== undefined || char === '两') return undefined;
    if (zero) {
      if (lastUnit === undefined || lastUnit < 100) return undefined;
      return value + digit;
    }
    if (lastUnit === undefined || lastUnit === 10) return value + digit;
    return value + (digit * lastUnit) / 10;
  }
  return zero ? undefined : value;
}

/** A well-formed numeral below 一亿 (100,000,000) as a number; undefined if it is not one. */
export function chineseNumber(text: string): number | undefined {
  if (!NUMERAL_CHARS.test(text)) return undefined;
  if (ZERO.test(text) && text.length === 1) return 0;
  if (text === '两') return 2;
  const parts = text.split('万');
  if (parts.length === 1) return section(text, true);
  if (parts.length > 2) return undefined;
  const [high, low] = parts as [string, string];
  const tenThousands = high ? section(high, true) : undefined;
  if (!tenThousands) return undefined;
  if (low === '') return tenThousands * 10_000;
  const shorthand = Array.from(low).length === 1 && low !== '两' ? DIGITS[low] : undefined;
  if (shorthand !== undefined) return tenThousands * 10_000 + shorthand * 1000;
  if (ZERO.test(low[0]!)) {
    const rest = section(low.slice(1), false);
    return rest !== undefined && rest > 0 && rest < 1000 && !ZERO.test(low[1] ?? '') ? tenThousands * 10_000 + rest : undefined;
  }
  const rest = section(low, false);
  return rest !== undefined && rest >= 1000 ? tenThousands * 10_000 + rest : undefined;
}
