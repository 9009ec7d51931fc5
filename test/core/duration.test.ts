import { Duration } from 'cdk8s';
import { durationMillis, durationOf } from '../../src/core/duration';

describe('durationMillis', () => {
  test.each([
    ['800ms', 800],
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['0s', 0],
    ['1h1m1s1ms', 3_661_001],
  ])('reads %j as %d ms', (text, millis) => {
    expect(durationMillis(text)).toBe(millis);
  });

  test.each(['', '15', '1.5s', '15 s', ' 15s', '15S', '-5s', 's', '15sec', '1m30'])('reads nothing from %j', (text) => {
    expect(durationMillis(text)).toBeUndefined();
  });

  test('reads nothing from a string beyond the safe integers', () => {
    expect(durationMillis('99999999999999999d')).toBeUndefined();
  });

  test('reads a Duration, and an object of another copy of cdk8s by its method', () => {
    expect(durationMillis(Duration.seconds(2))).toBe(2000);
    expect(durationMillis({ toMilliseconds: () => 250 })).toBe(250);
  });

  test.each([
    ['a number', 300],
    ['null', null],
    ['undefined', undefined],
    ['an object without the method', { millis: 3 }],
    ['a method that throws', { toMilliseconds: () => { throw new Error('not integral'); } }],
    ['a method that gives NaN', { toMilliseconds: () => Number.NaN }],
    ['a method that gives text', { toMilliseconds: () => '300' }],
  ])('reads nothing from %s', (_what, value) => {
    expect(durationMillis(value)).toBeUndefined();
  });
});

describe('durationOf', () => {
  test('gives a Duration as it is, and one for a string', () => {
    const duration = Duration.minutes(1);
    expect(durationOf(duration)).toBe(duration);
    expect(durationOf('1m30s')?.toMilliseconds()).toBe(90_000);
  });

  test.each([
    ['a bad string', '1.5s'],
    ['a negative foreign duration', { toMilliseconds: () => -1 }],
    ['an infinite foreign duration', { toMilliseconds: () => Number.POSITIVE_INFINITY }],
    ['a number', 5],
  ])('gives nothing for %s', (_what, value) => {
    expect(durationOf(value)).toBeUndefined();
  });
});
