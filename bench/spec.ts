/** The LocustTest spec every benchmarked test uses: a typical test with a locustfile ConfigMap and the exporter sidecar. */
export const BENCH_SPEC = {
  image: 'locustio/locust:2.43.1',
  master: { command: '--locustfile /lotest/src/shop.py --host https://shop.example.com --users 100 --spawn-rate 10' },
  worker: { command: '--locustfile /lotest/src/shop.py --host https://shop.example.com', replicas: 10 },
  testFiles: { configMapRef: 'shop-locustfiles' },
};
