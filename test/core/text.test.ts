import { byteOrder, lowerFirst } from '../../src/core/text';

describe('byteOrder', () => {
  test('sorts by code units as Go\'s sort.Strings does: OTEL_METRICS_X before OTEL_METRIC_X, capitals before lower case', () => {
    // GIVEN names that localeCompare would order otherwise
    const names = ['OTEL_METRIC_X', 'b', 'OTEL_METRICS_X', 'B', 'a'];

    // WHEN they are sorted
    const sorted = [...names].sort(byteOrder);

    // THEN S (0x53) comes before _ (0x5f), and upper case before lower case
    expect(sorted).toEqual(['B', 'OTEL_METRICS_X', 'OTEL_METRIC_X', 'a', 'b']);
  });

  test('is 0 for equal strings, negative before, positive after', () => {
    expect(byteOrder('a', 'a')).toBe(0);
    expect(byteOrder('a', 'b')).toBe(-1);
    expect(byteOrder('b', 'a')).toBe(1);
  });
});

describe('lowerFirst', () => {
  test.each([
    ['Expected a number', 'expected a number'],
    ['x', 'x'],
    ['', ''],
    ['ABC', 'aBC'],
  ])('turns %j into %j', (text, lowered) => {
    expect(lowerFirst(text)).toBe(lowered);
  });
});
