import { readsLocustfileList } from '../../src/verdict/image-version';

const master = (locustfile: string) => ['--locustfile', locustfile, '--host', 'https://shop.example.com'];

describe('readsLocustfileList', () => {
  test.each([
    ['an image without a tag', 'locustio/locust'],
    ['latest', 'locustio/locust:latest'],
    ['a digest', 'locustio/locust@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  ])('takes %s to read the list: its version is unknown', (_what, image) => {
    expect(readsLocustfileList(image, master('/lotest/src/shop_locust.py'))).toBe(true);
  });

  test('refuses Locust before 2.11, which reads one locustfile only', () => {
    expect(readsLocustfileList('locustio/locust:2.10.2', master('/lotest/src/a.py'))).toBe(false);
  });

  test('takes Locust 2.11, the first to read a list', () => {
    expect(readsLocustfileList('locustio/locust:2.11.0', master('/lotest/src/a.py'))).toBe(true);
  });

  test('refuses a list with a file ending in locust.py before 2.23, which takes such a file for a package', () => {
    expect(readsLocustfileList('locustio/locust:2.22.0', master('/lotest/src/a.py,/lotest/src/shop_locust.py'))).toBe(false);
  });

  test('takes a file ending in locust.py from 2.23 on', () => {
    expect(readsLocustfileList('locustio/locust:2.23.0', master('/lotest/src/shop_locust.py'))).toBe(true);
  });

  test('looks at the locustfile Locust uses, the last -f', () => {
    // GIVEN a master whose extra arguments name a second locustfile after one ending in locust.py
    const args = ['-f', '/lotest/src/shop_locust.py', '-f', '/lotest/src/shop.py'];

    // THEN Locust 2.20 reads the list: the last -f wins
    expect(readsLocustfileList('locustio/locust:2.20.0', args)).toBe(true);
    expect(readsLocustfileList('locustio/locust:2.20.0', ['-f', '/lotest/src/shop.py', '-f', '/lotest/src/shop_locust.py'])).toBe(false);
  });

  test('takes a master that names no locustfile on 2.11 to 2.22: nothing ends in locust.py', () => {
    expect(readsLocustfileList('locustio/locust:2.20.0', ['--host', 'https://shop.example.com'])).toBe(true);
  });
});
