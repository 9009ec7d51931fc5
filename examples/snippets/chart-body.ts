/**
 * The chart the README's short TypeScript snippets are written in. A snippet that is not a whole
 * file (it has no imports) is the body of this constructor: test/readme-snippets.test.ts compiles
 * each one in a block of its own in place of the marker comment, so it may use `this` (the
 * chart), `spec` and every name imported here, and declare its own names.
 */
import { ApiObject, App, Chart, Cron, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ArgoCdHook, EnvSource, LocustTest, LocustTestTypedSpec, MetricsMonitor, PodSecurity, RenderMode, TestFiles } from 'cdk8s-locust';

export class SnippetChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const spec: LocustTestTypedSpec = {
      image: 'locustio/locust:2.43.1',
      master: { command: '--locustfile /lotest/src/checkout.py --host http://checkout.shop.svc:8080 --users 50 --spawn-rate 5 --run-time 5m' },
      worker: { command: '--locustfile /lotest/src/checkout.py', replicas: 2 },
    };
    // README snippet
    // Every name is used, so that this file compiles on its own and a snippet may use any of them.
    void [spec, ApiObject, App, Cron, Duration, JsonPatch, kplus, ArgoCdHook, EnvSource, LocustTest, MetricsMonitor, PodSecurity, RenderMode, TestFiles];
  }
}
