import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  CURRENCY_CODES,
  formatMoney,
  MAX_MINOR,
  money,
  parseAmount,
  subtract,
  toDecimalString,
  type Money,
} from '../../core/money/index.js';

describe('formatMoney', () => {
  it.each([
    [money('CNY', 0n), '0.00 CNY'],
    [money('CNY', 5n), '0.05 CNY'],
    [money('CNY', 100050n), '1,000.50 CNY'],
    [money('USD', 123456789n), '1,234,567.89 USD'],
    [money('EUR', 99n), '0.99 EUR'],
    [money('GBP', 100n), '1.00 GBP'],
    [money('HKD', 1n), '0.01 HKD'],
    [money('JPY', 1000n), '1,000 JPY'],
    [money('JPY', 7n), '7 JPY'],
    [money('CNY', -250n), '-2.50 CNY'],
    [money('CNY', MAX_MINOR), '10,000,000,000,000.00 CNY'],
  ])('%o → %s', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });
});

describe('parseAmount', () => {
  it.each([
    ['10', 'CNY', 1000n],
    ['10.5', 'CNY', 1050n],
    ['10.50', 'cny', 1050n],
    ['0.01', 'USD', 1n],
    ['1,000.5', 'CNY', 100050n],
    ['1,000,000', 'EUR', 100000000n],
    ['1000', 'JPY', 1000n],
    ['1000.0', 'JPY', 1000n],
    [' 42 ', 'HKD', 4200n],
    ['10000000000000', 'CNY', MAX_MINOR],
    ['1000000000000000', 'JPY', MAX_MINOR],
  ])('%s %s → %s minor', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: { currency: currency.toUpperCase(), minor } });
  });

  it.each([
    ['0', 'CNY', 'money.not_positive'],
    ['0.00', 'CNY', 'money.not_positive'],
    ['-5', 'CNY', 'money.not_positive'],
    ['−5', 'CNY', 'money.not_positive'],
    ['1e3', 'CNY', 'money.invalid_amount'],
    ['0.001', 'CNY', 'money.too_many_decimals'],
    ['1.5', 'JPY', 'money.too_many_decimals'],
    ['10000000000000.01', 'CNY', 'money.too_large'],
    ['99999999999999999999999', 'USD', 'money.too_large'],
    ['1,00', 'CNY', 'money.invalid_amount'],
    ['1,0000', 'CNY', 'money.invalid_amount'],
    ['10.', 'CNY', 'money.invalid_amount'],
    ['.5', 'CNY', 'money.invalid_amount'],
    ['', 'CNY', 'money.invalid_amount'],
    ['ten', 'CNY', 'money.invalid_amount'],
    ['0x10', 'CNY', 'money.invalid_amount'],
    ['Infinity', 'CNY', 'money.invalid_amount'],
    ['NaN', 'CNY', 'money.invalid_amount'],
    ['1 000', 'CNY', 'money.invalid_amount'],
    ['10', 'XYZ', 'money.unsupported_currency'],
    ['10', 'BTC', 'money.unsupported_currency'],
  ])('%s %s → %s', (text, currency, code) => {
    const result = parseAmount(text, currency);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('explains a rounding refusal with the currency and its decimals', () => {
    expect(parseAmount('0.001', 'CNY')).toEqual({
      ok: false,
      error: { code: 'money.too_many_decimals', params: { amount: '0.001', currency: 'CNY', decimals: 2 } },
    });
  });

  it('round-trips every movable amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCY_CODES), fc.bigInt({ min: 1n, max: MAX_MINOR }), (currency, minor) => {
        const amount = money(currency, minor);
        expect(parseAmount(toDecimalString(amount), currency)).toEqual({ ok: true, value: amount });
        expect(parseAmount(formatMoney(amount).split(' ')[0]!, currency)).toEqual({ ok: true, value: amount });
      }),
    );
  });
});

describe('arithmetic', () => {
  it('adds and subtracts within one currency exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MINOR, max: MAX_MINOR }), fc.bigInt({ min: -MAX_MINOR, max: MAX_MINOR }), (a, b) => {
        const sum = add(money('CNY', a), money('CNY', b));
        expect(subtract(sum, money('CNY', b))).toEqual(money('CNY', a));
      }),
    );
  });

  it('refuses to combine two currencies, in the type system and at run time', () => {
    const yuan = money('CNY', 100n);
    const dollars = money('USD', 100n);
    // @ts-expect-error Money<'USD'> cannot be added to Money<'CNY'>
    expect(() => add(yuan, dollars)).toThrow(TypeError);
    const widened: Money = dollars;
    expect(() => subtract(yuan as Money, widened)).toThrow('cannot combine CNY with USD');
  });
});
