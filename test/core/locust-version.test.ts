import { formatLocustVersion, imageLocustVersion, isBefore } from '../../src/core/locust-version';

describe('imageLocustVersion', () => {
  test.each([
    ['locustio/locust:2.12.1', { minor: 12, patch: 1 }],
    ['locustio/locust:2.31', { minor: 31, patch: 0 }],
    ['locustio/locust:v2.20.0', { minor: 20, patch: 0 }],
    ['locustio/locust:2.29.1-python3.12', { minor: 29, patch: 1 }],
    ['locustio/locust:2.8.0+build', { minor: 8, patch: 0 }],
    ['registry.example.com:5000/team/locust:2.15.1', { minor: 15, patch: 1 }],
  ])('reads %s as 2.%o', (image, version) => {
    expect(imageLocustVersion(image)).toEqual(version);
  });

  test.each([
    ['locustio/locust', 'no tag'],
    ['locustio/locust:latest', 'latest'],
    ['locustio/locust:1.6.0', 'Locust 1'],
    ['locustio/locust:3.0.0', 'a major version other than 2'],
    ['locustio/locust:12.1.0', 'a major version ending in 2'],
    ['locustio/locust:2.12.1rc1', 'a suffix without a separator'],
    ['locustio/locust:2.x', 'no minor number'],
    ['locustio/locust@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'a digest'],
  ])('reads no version from %s (%s)', (image) => {
    expect(imageLocustVersion(image)).toBeUndefined();
  });
});

describe('isBefore', () => {
  const v2_20_1 = { minor: 20, patch: 1 };

  test('compares the minor version first', () => {
    expect(isBefore(v2_20_1, 21)).toBe(true);
    expect(isBefore(v2_20_1, 19, 9)).toBe(false);
  });

  test('compares the patch within one minor version', () => {
    expect(isBefore(v2_20_1, 20, 2)).toBe(true);
    expect(isBefore(v2_20_1, 20, 1)).toBe(false);
    expect(isBefore(v2_20_1, 20, 0)).toBe(false);
  });

  test('takes patch 0 when none is given', () => {
    expect(isBefore({ minor: 20, patch: 0 }, 20)).toBe(false);
    expect(isBefore({ minor: 19, patch: 5 }, 20)).toBe(true);
  });
});

describe('formatLocustVersion', () => {
  test('writes 2.MINOR.PATCH', () => {
    expect(formatLocustVersion({ minor: 12, patch: 1 })).toBe('2.12.1');
    expect(formatLocustVersion({ minor: 31, patch: 0 })).toBe('2.31.0');
  });
});
