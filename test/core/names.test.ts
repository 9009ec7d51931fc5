import { LocustRole, roleObjectName, sanitizeName, secretVolumeName } from '../../src/core/names';

describe('names', () => {
  test('sanitises a name by replacing every dot with a dash and nothing else', () => {
    // GIVEN a name with dots, capitals and underscores
    // WHEN it is sanitised
    // THEN only the dots change
    expect(sanitizeName('Shop.Checkout_v2.eu')).toBe('Shop-Checkout_v2-eu');
  });

  test('names the master and worker nodes after the sanitised test name', () => {
    expect(roleObjectName('shop.checkout', LocustRole.MASTER)).toBe('shop-checkout-master');
    expect(roleObjectName('shop.checkout', LocustRole.WORKER)).toBe('shop-checkout-worker');
  });

  test('keeps the dots of a secret name in its volume name', () => {
    expect(secretVolumeName('tls.certs')).toBe('secret-tls.certs');
  });
});
