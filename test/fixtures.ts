import { LocustTestSpec } from '../imports/locust.io';

/** The smallest valid spec: image, master command, worker command and replicas. */
export function minimalSpec(overrides: Partial<LocustTestSpec> = {}): LocustTestSpec {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com' },
    worker: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com', replicas: 3 },
    ...overrides,
  };
}

/** Plain-JSON form of the same spec, as a LocustTest YAML would carry it. */
export function minimalWireSpec(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    image: 'locustio/locust:2.43.1',
    master: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com' },
    worker: { command: '--locustfile /lotest/src/locustfile.py --host https://shop.example.com', replicas: 3 },
    ...overrides,
  };
}
