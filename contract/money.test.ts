import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyExponent, currencyOf, decimalOf, moneyDisplay, multiplyRounded, roundDecimal, USD_CENTS_ID } from './money.ts';

const USD = { id: USD_CENTS_ID, name: 'USD (cents)' };
const JPY = { id: '1c7e9a3f-5b2d-4e8a-b6c4-9d0f2a7e5b13', name: 'JPY (cents)' };
const BHD = { id: '0d6f1b2a-3c4e-4f5a-8b9c-0d1e2f3a4b5c', name: 'BHD (minor units)' };
const GPU = { id: '5ae401dc-a648-4b49-9ac3-391bb5bc4d7b', name: 'GPU credits' };

/** What the rule shows, in en-US: Intl with the rule's options, then the unit's name. */
const shown = (amount: number, creditType = USD, precision: 'total' | 'exact' = 'total') => {
  const d = moneyDisplay(amount, creditType, precision);
  return new Intl.NumberFormat('en-US', d.options).format(d.value) + d.suffix;
};

describe('the money rule: totals in the minor unit, rounded half away from zero', () => {
  it('rounds USD cents to whole cents, halves away from zero', () => {
    assert.equal(shown(2837.5), '$28.38');
    assert.equal(shown(2837.4999), '$28.37');
    assert.equal(shown(2836.5), '$28.37');
    assert.equal(shown(0.5), '$0.01');
    assert.equal(shown(0.4999995), '$0.00', 'no double rounding through the micro');
    assert.equal(shown(46.6293), '$0.47');
    assert.equal(shown(7300), '$73.00');
  });

  it('rounds negative amounts away from zero too, and never shows minus zero', () => {
    assert.equal(shown(-0.5), '-$0.01');
    assert.equal(shown(-2837.5), '-$28.38');
    assert.equal(shown(-0.4), '$0.00');
    assert.equal(shown(-0), '$0.00');
  });

  it('rounds the decimal the number reads as, not its binary neighbour', () => {
    // 28.5 cents is exact in binary, 1.005 dollars is not (1.00499999999999989…): both are halves.
    assert.equal(shown(100.5), '$1.01');
    assert.equal(shown(28.5), '$0.29');
    assert.equal(shown(0.1 + 0.2), '$0.00');
  });

  it('uses each currency\'s own minor unit: none for JPY, three decimals for BHD', () => {
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('BHD'), 3);
    assert.equal(shown(123456, JPY), '¥123,456');
    assert.equal(shown(123456.5, JPY), '¥123,457');
    assert.equal(shown(-123456.5, JPY), '-¥123,457');
    assert.equal(shown(1234.5, BHD), 'BHD\u00a01.235');
  });

  it('shows a custom pricing unit with its name, to at most two decimals', () => {
    assert.equal(shown(8590.31125, GPU), '8,590.31 GPU credits');
    assert.equal(shown(688.625, GPU), '688.63 GPU credits');
    assert.equal(shown(-688.625, GPU), '-688.63 GPU credits');
    assert.equal(shown(1523, GPU), '1,523 GPU credits');
    assert.equal(shown(1523.5, GPU), '1,523.5 GPU credits');
  });

  it('says when it rounded, so the exact value can be offered', () => {
    assert.equal(moneyDisplay(2837.5, USD).rounded, true);
    assert.equal(moneyDisplay(2837, USD).rounded, false);
    assert.equal(moneyDisplay(8590.31125, GPU).rounded, true);
    assert.equal(moneyDisplay(8590.3, GPU).rounded, false);
  });
});

describe('rates and exact values: every decimal they have', () => {
  it('shows a unit price with the decimals it needs, at least the minor unit', () => {
    assert.equal(shown(0.05, USD, 'exact'), '$0.0005');
    assert.equal(shown(3.5, USD, 'exact'), '$0.035');
    assert.equal(shown(40, USD, 'exact'), '$0.40');
    assert.equal(shown(0.0000075, USD, 'exact'), '$0.000000075');
    assert.equal(shown(2837.5, USD, 'exact'), '$28.375');
    assert.equal(shown(-2837.5, USD, 'exact'), '-$28.375');
    assert.equal(shown(1.25, GPU, 'exact'), '1.25 GPU credits');
    assert.equal(shown(8590.31125, GPU, 'exact'), '8,590.31125 GPU credits');
    assert.equal(shown(0.5, JPY, 'exact'), '¥0.5');
  });
});

describe('exact decimal arithmetic', () => {
  it('reads a number as the decimal it prints as', () => {
    assert.deepEqual(decimalOf(0.1), { digits: 1n, scale: 1 });
    assert.deepEqual(decimalOf(-46.6293), { digits: -466293n, scale: 4 });
    assert.deepEqual(decimalOf(7.5e-8), { digits: 75n, scale: 9 });
    assert.deepEqual(decimalOf(1e21), { digits: 10n ** 21n, scale: 0 });
    assert.deepEqual(decimalOf(1200), { digits: 1200n, scale: 0 });
  });

  it('rounds half away from zero at any scale', () => {
    assert.equal(roundDecimal({ digits: 25n, scale: 1 }, 0), 3n);
    assert.equal(roundDecimal({ digits: -25n, scale: 1 }, 0), -3n);
    assert.equal(roundDecimal({ digits: 24n, scale: 1 }, 0), 2n);
    assert.equal(roundDecimal({ digits: 5n, scale: 0 }, 2), 500n);
  });

  it('multiplies quantity × price exactly before rounding once', () => {
    assert.equal(multiplyRounded(932.586, 0.05, 6), 46.6293);
    assert.equal(multiplyRounded(1_000_000, 0.0000075, 6), 7.5);
    assert.equal(multiplyRounded(3, 0.0000075, 6), 0.000023);
    assert.equal(multiplyRounded(-3, 0.0000075, 6), -0.000023);
  });
});

describe('which credit types are currencies', () => {
  it('knows USD cents by Metronome\'s id, other currencies by a name Intl knows', () => {
    assert.equal(currencyOf({ id: USD_CENTS_ID, name: 'US dollars' }), 'USD');
    assert.equal(currencyOf({ id: USD_CENTS_ID.toUpperCase(), name: 'x' }), 'USD');
    assert.equal(currencyOf({ id: 'x', name: 'gbp cents' }), 'GBP');
    assert.equal(currencyOf(BHD), 'BHD');
    assert.equal(currencyOf({ id: 'x', name: 'GPU (cents)' }), null);
    assert.equal(currencyOf(GPU), null);
  });
});
