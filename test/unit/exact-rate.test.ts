import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, crossRate, formatRate, invertRate, parseRate, type ExactRate } from '../../core/fx/exact-rate.js';
import { money } from '../../core/money/index.js';

function rate(base: 'CNY' | 'USD' | 'JPY' | 'EUR', quote: 'CNY' | 'USD' | 'JPY' | 'EUR', text: string): ExactRate {
  const parsed = parseRate(base, quote, text);
  if (!parsed) throw new Error(`bad rate ${text}`);
  return parsed;
}

describe('parseRate', () => {
  it.each(['7.1234', '0.0001', '150', '1.000000000001'])('reads %s exactly', (text) => {
    const parsed = rate('USD', 'CNY', text);
    expect(formatRate(parsed, 12)).toBe(Number.isInteger(Number(text)) ? `${text}.000000000000` : text.padEnd(text.indexOf('.') + 13, '0'));
  });

  it.each(['0', '0.0', '-7.1', '7,1', '1e3', '7.1234567890123', ' ', 'NaN', '.5'])('refuses %j', (text) => {
    expect(parseRate('USD', 'CNY', text)).toBeUndefined();
  });

  it('refuses a currency against itself', () => {
    expect(parseRate('CNY', 'CNY', '1')).toBeUndefined();
  });
});

describe('convert rounding table', () => {
  it.each([
    // amount, from, to, rate text, down, up
    [10000n, 'USD', 'JPY', '150.123', 15012n, 15013n], // $100.00 → ¥15012.3 (JPY has no decimals)
    [1n, 'USD', 'JPY', '150.123', 1n, 2n], // one cent → ¥1.50123
    [1n, 'JPY', 'CNY', '0.0473', 4n, 5n], // ¥1 → 0.0473 CNY = 4.73 fen
    [100n, 'JPY', 'CNY', '0.0473', 473n, 473n], // exact: no rounding either way
    [3562n, 'CNY', 'USD', '0.14037', 499n, 500n], // ¥35.62 → $4.99998: a hair under five dollars
    [1n, 'CNY', 'USD', '0.14', 0n, 1n], // a fen buys less than a cent
  ] as const)('%s %s → %s at %s: down %s, up %s', (minor, from, to, text, down, up) => {
    const applied = rate(from, to, text);
    expect(convert(money(from, minor), applied, 'down')).toEqual(money(to, down));
    expect(convert(money(from, minor), applied, 'up')).toEqual(money(to, up));
  });

  it('refuses an amount in another currency than the rate', () => {
    expect(() => convert(money('EUR', 1n), rate('USD', 'CNY', '7'), 'down')).toThrow(TypeError);
  });
});

describe('derived rates', () => {
  it('inverts exactly: 1 / 7.1234 is kept as a fraction, not a float', () => {
    const inverse = invertRate(rate('USD', 'CNY', '7.1234'));
    expect(inverse).toMatchObject({ base: 'CNY', quote: 'USD', numerator: 5000n, denominator: 35617n });
    expect(formatRate(inverse, 6)).toBe('0.140382');
  });

  it('crosses EUR→JPY through CNY exactly and rounds only the result', () => {
    const eurJpy = crossRate(rate('EUR', 'CNY', '7.7'), invertRate(rate('JPY', 'CNY', '0.0473')));
    expect(eurJpy).toMatchObject({ base: 'EUR', quote: 'JPY' });
    // 100.00 EUR × 7.7 / 0.0473 = 16279.069… yen
    expect(convert(money('EUR', 10000n), eurJpy, 'down')).toEqual(money('JPY', 16279n));
    expect(convert(money('EUR', 10000n), eurJpy, 'up')).toEqual(money('JPY', 16280n));
  });

  it('refuses to chain rates that do not meet', () => {
    expect(() => crossRate(rate('EUR', 'CNY', '7.7'), rate('USD', 'JPY', '150'))).toThrow(TypeError);
  });

  it('formats half up for display', () => {
    expect(formatRate(rate('USD', 'CNY', '7.12345'), 4)).toBe('7.1235');
    expect(formatRate(rate('USD', 'CNY', '7.12344'), 4)).toBe('7.1234');
    expect(formatRate(rate('USD', 'JPY', '149.5'), 0)).toBe('150');
  });
});

describe('round trips', () => {
  const rateText = fc
    .tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 9_999 }))
    .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(4, '0')}`);
  const pairs = fc.constantFrom(['CNY', 'USD'], ['USD', 'JPY'], ['JPY', 'EUR'], ['EUR', 'CNY'] as const);

  it('there and back at the same mid rate, receiving rounded down, never returns more than was put in', () => {
    fc.assert(
      fc.property(pairs, rateText, fc.bigInt({ min: 1n, max: 10n ** 12n }), ([from, to], text, minor) => {
        const there = rate(from as 'CNY', to as 'USD', text);
        const out = convert(money(from as 'CNY', minor), there, 'down');
        const back = convert(out, invertRate(there), 'down');
        expect(back.minor <= minor).toBe(true);
      }),
    );
  });

  it('paying for an exact amount, rounded up, always covers it', () => {
    fc.assert(
      fc.property(pairs, rateText, fc.bigInt({ min: 1n, max: 10n ** 12n }), ([from, to], text, wanted) => {
        const there = rate(from as 'CNY', to as 'USD', text);
        const cost = convert(money(to as 'USD', wanted), invertRate(there), 'up');
        expect(convert(cost, there, 'down').minor >= wanted).toBe(true);
      }),
    );
  });
});
