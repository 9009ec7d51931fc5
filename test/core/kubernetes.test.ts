import { imageReference, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, objectMetadata, qualifiedNameProblem } from '../../src/core/kubernetes';

describe('name rules', () => {
  test.each([
    ['checkout', true, true, true],
    ['shop.checkout', true, false, false],
    ['1st-load', true, true, false],
    ['a', true, true, true],
    ['Checkout', false, false, false],
    ['-checkout', false, false, false],
    ['checkout-', false, false, false],
    ['shop..checkout', false, false, false],
    ['', false, false, false],
    ['shop_checkout', false, false, false],
  ])('%j: subdomain %s, DNS-1123 label %s, DNS-1035 label %s', (name, subdomain, label1123, label1035) => {
    expect(isDns1123Subdomain(name)).toBe(subdomain);
    expect(isDns1123Label(name)).toBe(label1123);
    expect(isDns1035Label(name)).toBe(label1035);
  });

  test('limits a subdomain to 253 characters and a label to 63', () => {
    const labels = (n: number) => Array.from({ length: n }, () => 'a'.repeat(63)).join('.');
    expect(isDns1123Subdomain(`${labels(3)}.${'a'.repeat(61)}`)).toBe(true); // 253
    expect(isDns1123Subdomain(`${labels(3)}.${'a'.repeat(62)}`)).toBe(false); // 254
    for (const check of [isDns1123Label, isDns1035Label]) {
      expect(check('a'.repeat(63))).toBe(true);
      expect(check('a'.repeat(64))).toBe(false);
    }
  });
});

describe('isLabelValue', () => {
  test.each([
    ['', true],
    ['v1.2_3-x', true],
    ['A', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-a', false],
    ['a.', false],
    ['a b', false],
    ['a/b', false],
  ])('%j: %s', (value, valid) => {
    expect(isLabelValue(value)).toBe(valid);
  });
});

describe('qualifiedNameProblem', () => {
  test.each(['app', 'example.com/team', 'app.kubernetes.io/name', 'A_b.c-D', 'a'.repeat(63)])('accepts %j', (key) => {
    expect(qualifiedNameProblem(key)).toBeUndefined();
  });

  test.each([
    ['two slashes', 'a/b/c', 'must have at most one /'],
    ['a prefix in capitals', 'Example.com/team', 'has a prefix that is not a DNS-1123 subdomain'],
    ['an empty prefix', '/team', 'has a prefix that is not a DNS-1123 subdomain'],
    ['a name of 64 characters', 'a'.repeat(64), 'must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .'],
    ['a name ending in -', 'team-', 'must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .'],
    ['an empty name after the prefix', 'example.com/', 'must be 63 characters or fewer, start and end with a letter or digit, and contain only letters, digits, -, _ and .'],
  ])('fails when the key has %s', (_what, key, problem) => {
    expect(qualifiedNameProblem(key)).toBe(problem);
  });
});

describe('objectMetadata', () => {
  test('writes the namespace only when there is one', () => {
    expect(objectMetadata('checkout-master', 'load')).toEqual({ name: 'checkout-master', namespace: 'load' });
    expect(objectMetadata('checkout-master', undefined)).toEqual({ name: 'checkout-master' });
    expect(objectMetadata('checkout-master', undefined)).not.toHaveProperty('namespace');
  });
});

describe('imageReference', () => {
  test.each([
    ['locustio/locust:2.12.1', { repository: 'locustio/locust', tag: '2.12.1' }],
    ['locustio/locust', { repository: 'locustio/locust' }],
    ['locustio/locust:2.12.1@sha256:0123', { repository: 'locustio/locust', tag: '2.12.1' }],
    ['locustio/locust@sha256:0123', { repository: 'locustio/locust' }],
    ['registry.example.com:5000/load/locust', { repository: 'registry.example.com:5000/load/locust' }],
    ['registry.example.com:5000/load/locust:v2', { repository: 'registry.example.com:5000/load/locust', tag: 'v2' }],
  ])('splits %j', (image, reference) => {
    expect(imageReference(image)).toEqual(reference);
  });
});
