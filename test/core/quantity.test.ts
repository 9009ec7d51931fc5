import { isQuantity, quantityValue } from '../../src/core/quantity';

describe('quantity', () => {
  test.each(['250m', '1', '1.5', '.5', '128Mi', '1Gi', '30M', '1e3', '1E-2', '+2', '-1', '2k'])('accepts %s as a quantity', (value) => {
    expect(isQuantity(value)).toBe(true);
  });

  test.each(['', 'abc', '1 Gi', '1gi', '1KiB', 'm', '1.2.3'])('rejects %j as a quantity', (value) => {
    expect(isQuantity(value)).toBe(false);
  });

  test('accepts finite numbers and rejects infinities and other types', () => {
    expect(isQuantity(2)).toBe(true);
    expect(isQuantity(Infinity)).toBe(false);
    expect(isQuantity(NaN)).toBe(false);
    expect(isQuantity(true)).toBe(false);
    expect(isQuantity(undefined)).toBe(false);
  });

  test.each([
    ['1000m', 1],
    ['250m', 0.25],
    ['1Gi', 2 ** 30],
    ['1024Mi', 2 ** 30],
    ['2k', 2000],
    ['50M', 50e6],
    ['1e3', 1000],
    ['1.5', 1.5],
    ['100n', 100e-9],
    ['5u', 5e-6],
  ])('reads %s as %d', (text, value) => {
    expect(quantityValue(text)).toBeCloseTo(value, 12);
  });

  test('passes numbers through and gives NaN for text that is not a quantity', () => {
    expect(quantityValue(3)).toBe(3);
    expect(quantityValue('lots')).toBeNaN();
    expect(quantityValue('1KiB')).toBeNaN();
  });
});
