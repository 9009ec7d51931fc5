import { App, Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { ArgoCdHook, LocustTest, LocustTestProps, PodSecurity, RenderMode, TestFiles } from '../../src';
import { dispatch } from '../../src/cli/dispatch';
import { minimalSpec, minimalSpecJson } from '../fixtures';
import { tempTree } from '../temp-tree';
import { find, Manifest, synthChart } from '../util';

/**
 * Every rule of the Pod Security Standards' restricted profile (which includes baseline), as
 * kubernetes.io states it, checked on one pod spec: the list of what breaks it, empty when it
 * passes. Written from the standard, not from the library's code, so that it can disagree.
 */
function restrictedViolations(pod: any): string[] {
  const found: string[] = [];
  const podContext = pod.securityContext ?? {};
  const containers: any[] = [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])];
  // baseline: host namespaces, host paths, host ports, privileged, capabilities, sysctls, proc mount, seccomp, SELinux, AppArmor
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field] === true) found.push(`pod ${field}`);
  for (const volume of pod.volumes ?? []) {
    const source = Object.keys(volume).find((key) => key !== 'name');
    if (!['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'].includes(source!)) found.push(`volume ${volume.name} is ${source}`);
  }
  const safeSysctls = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
    'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
  for (const sysctl of podContext.sysctls ?? []) if (!safeSysctls.includes(sysctl.name)) found.push(`sysctl ${sysctl.name}`);
  if (podContext.windowsOptions?.hostProcess === true) found.push('pod hostProcess');
  const seLinuxTypes = [undefined, '', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
  if (!seLinuxTypes.includes(podContext.seLinuxOptions?.type) || podContext.seLinuxOptions?.user !== undefined || podContext.seLinuxOptions?.role !== undefined) found.push('pod seLinuxOptions');
  if (podContext.appArmorProfile?.type === 'Unconfined') found.push('pod appArmorProfile');
  for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !String(value).startsWith('localhost/')) found.push(`annotation ${key}`);
  }
  const seccompOf = (context: any) => context?.seccompProfile?.type;
  if (seccompOf(podContext) !== undefined && !['RuntimeDefault', 'Localhost'].includes(seccompOf(podContext))) found.push('pod seccompProfile');
  for (const container of containers) {
    const context = container.securityContext ?? {};
    const name = `container ${container.name}`;
    if (context.privileged === true) found.push(`${name} privileged`);
    for (const port of container.ports ?? []) if (port.hostPort !== undefined && port.hostPort !== 0) found.push(`${name} hostPort`);
    if (context.procMount !== undefined && context.procMount !== 'Default') found.push(`${name} procMount`);
    if (!seLinuxTypes.includes(context.seLinuxOptions?.type) || context.seLinuxOptions?.user !== undefined || context.seLinuxOptions?.role !== undefined) found.push(`${name} seLinuxOptions`);
    if (context.appArmorProfile?.type === 'Unconfined') found.push(`${name} appArmorProfile`);
    if (context.windowsOptions?.hostProcess === true) found.push(`${name} hostProcess`);
    // restricted
    if (context.allowPrivilegeEscalation !== false) found.push(`${name} allowPrivilegeEscalation is not false`);
    if (!(context.runAsNonRoot === true || (context.runAsNonRoot === undefined && podContext.runAsNonRoot === true))) found.push(`${name} runAsNonRoot is not true`);
    if (context.runAsUser === 0 || (context.runAsUser === undefined && podContext.runAsUser === 0)) found.push(`${name} runAsUser is 0`);
    const seccomp = seccompOf(context) ?? seccompOf(podContext);
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) found.push(`${name} seccompProfile is ${String(seccomp)}`);
    if (!(context.capabilities?.drop ?? []).includes('ALL')) found.push(`${name} does not drop ALL capabilities`);
    for (const added of context.capabilities?.add ?? []) if (added !== 'NET_BIND_SERVICE') found.push(`${name} adds ${added}`);
  }
  return found;
}

/** The pod specs of every Job and CronJob among the objects, by object name. */
function podsOf(objects: Manifest[]): Record<string, any> {
  const pods: Record<string, any> = {};
  for (const object of objects) {
    if (object.kind === 'Job') pods[`Job ${object.metadata.name}`] = { ...object.spec.template.spec, metadata: object.spec.template.metadata };
    if (object.kind === 'CronJob') pods[`CronJob ${object.metadata.name}`] = { ...object.spec.jobTemplate.spec.template.spec, metadata: object.spec.jobTemplate.spec.template.metadata };
  }
  return pods;
}

function synthRestricted(props: Partial<LocustTestProps> = {}, build?: (chart: Chart) => Partial<LocustTestProps>): Manifest[] {
  return synthChart((chart) => new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec(), podSecurity: PodSecurity.RESTRICTED, ...props, ...build?.(chart) }), { namespace: 'load' });
}

describe('PodSecurity.RESTRICTED', () => {
  test('the operator\'s default pods break the restricted profile, which is why it is opt-in', () => {
    // GIVEN the default output
    const pods = podsOf(synthChart((chart) => new LocustTest(chart, 'checkout', { name: 'checkout', spec: minimalSpec() })));

    // THEN the checker finds what the operator leaves out, so it can fail
    expect(restrictedViolations(pods['Job checkout-master'])).toEqual(expect.arrayContaining([
      'container checkout-master allowPrivilegeEscalation is not false',
      'container checkout-master runAsNonRoot is not true',
      'container checkout-master does not drop ALL capabilities',
    ]));
    expect(pods['Job checkout-master'].automountServiceAccountToken).toBeUndefined();
  });

  test.each<[string, Partial<LocustTestProps>, ((chart: Chart) => Partial<LocustTestProps>) | undefined]>([
    ['the exporter sidecar', {}, undefined],
    ['OpenTelemetry', { spec: minimalSpec({ image: 'locustio/locust-otel:2.43.4', observability: { openTelemetry: { enabled: true, endpoint: 'http://collector:4317' } } }) }, undefined],
    ['an Argo CD hook with a start delay', { argoCd: { hook: ArgoCdHook.POST_SYNC, startDelay: Duration.seconds(30) } }, undefined],
    ['a schedule', { schedule: Cron.schedule({ minute: '0', hour: '2' }) }, undefined],
    ['thresholds and reports on a claim', { thresholds: { maxFailRatio: 0.01 } }, (chart) => ({
      reports: { volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'Reports', kplus.PersistentVolumeClaim.fromClaimName(chart, 'Claim', 'reports')) },
    })],
    ['requirements installed by an init container', {
      spec: minimalSpec({ master: { command: '--locustfile /lotest/src/a.py' }, worker: { command: '--locustfile /lotest/src/a.py', replicas: 2 } }),
      testFiles: TestFiles.fromDirectory(tempTree({ 'a.py': 'print(1)', 'requirements.txt': 'requests\n' }), { requirementsFile: 'requirements.txt' }),
    }, undefined],
    ['a secret mounted and the web UI exposed', { spec: minimalSpec({ env: { secretMounts: [{ name: 'tls', mountPath: '/etc/tls' }] } }), webUi: true }, undefined],
  ])('every container and init container of both pods passes every rule of the restricted profile, with %s', (_what, props, build) => {
    // GIVEN a test written for the restricted profile
    const pods = podsOf(synthRestricted(props, build));

    // THEN both pods pass, and neither mounts the service-account token
    expect(Object.keys(pods)).toHaveLength(2);
    for (const [name, pod] of Object.entries(pods)) {
      expect({ name, violations: restrictedViolations(pod) }).toEqual({ name, violations: [] });
      expect({ name, automount: pod.automountServiceAccountToken }).toEqual({ name, automount: false });
    }
  });

  test('binds the master\'s web UI to 127.0.0.1 only, where the exporter sidecar and port-forward reach it', () => {
    const objects = synthRestricted();
    const master = find(objects, 'Job', 'checkout-master').spec.template.spec.containers.find((container: any) => container.name === 'checkout-master');
    expect(master.args[master.args.length - 1]).toBe('--web-host=127.0.0.1');
    const worker = find(objects, 'Job', 'checkout-worker').spec.template.spec.containers.find((container: any) => container.name === 'checkout-worker');
    expect(worker.args.some((arg: string) => arg.startsWith('--web-host'))).toBe(false);
  });

  test('leaves the web UI on every interface of the pod when webUi exposes it through the Service', () => {
    const master = find(synthRestricted({ webUi: true }), 'Job', 'checkout-master').spec.template.spec.containers.find((container: any) => container.name === 'checkout-master');
    expect(master.args.some((arg: string) => arg.startsWith('--web-host'))).toBe(false);
  });

  test('keeps the uid and capabilities the spec chose where the profile allows them', () => {
    const spec = minimalSpec({ security: { podSecurityContext: { runAsUser: 2000 }, containerSecurityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } } });
    const pod = find(synthRestricted({ spec }), 'Job', 'checkout-master').spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 2000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers.find((container: any) => container.name === 'checkout-master').securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
  });

  test.each([
    [{ security: { containerSecurityContext: { privileged: true } } }, 'spec.security.containerSecurityContext.privileged'],
    [{ security: { containerSecurityContext: { allowPrivilegeEscalation: true } } }, 'spec.security.containerSecurityContext.allowPrivilegeEscalation'],
    [{ security: { containerSecurityContext: { capabilities: { add: ['SYS_ADMIN'] } } } }, 'spec.security.containerSecurityContext.capabilities.add[0]'],
    [{ security: { podSecurityContext: { runAsUser: 0 } } }, 'spec.security.podSecurityContext.runAsUser'],
    [{ security: { podSecurityContext: { seccompProfile: { type: 'Unconfined' } } } }, 'spec.security.podSecurityContext.seccompProfile.type'],
    [{ security: { podSecurityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } } }, 'spec.security.podSecurityContext.sysctls[0].name'],
    [{ volumes: [{ name: 'data', hostPath: { path: '/data' } }], volumeMounts: [{ name: 'data', mountPath: '/data', target: 'both' }] }, 'spec.volumes[0]'],
  ])('fails when the spec sets what the restricted profile refuses: %j', (overrides, path) => {
    // GIVEN a spec with a setting the profile refuses
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(overrides as object), podSecurity: PodSecurity.RESTRICTED });

    // THEN it is a problem on that field, not overwritten silently
    expect(test.problems).toEqual([expect.objectContaining({ path, message: 'is not allowed by the restricted Pod Security Standard' })]);
  });

  test('fails in operator mode, where the operator writes the pods', () => {
    const test = new LocustTest(new Chart(new App(), 'c'), 't', { name: 'checkout', spec: minimalSpec(), podSecurity: PodSecurity.RESTRICTED, mode: RenderMode.OPERATOR });
    expect(test.problems).toEqual([expect.objectContaining({ path: 'podSecurity', value: 'restricted' })]);
  });

  test('the command line writes the same pods with --pod-security restricted', () => {
    // GIVEN a LocustTest file
    const input = tempTree({ 'test.yaml': `apiVersion: locust.io/v2\nkind: LocustTest\nmetadata: {name: checkout, namespace: load}\nspec: ${JSON.stringify(minimalSpecJson())}\n` });

    // WHEN it is rendered with the flag
    const result = dispatch(['render', '--pod-security', 'restricted', `${input}/test.yaml`]);

    // THEN the pods pass the profile
    expect(result.stderr).toBe('');
    const objects = parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Manifest);
    for (const pod of Object.values(podsOf(objects))) expect(restrictedViolations(pod)).toEqual([]);
  });
});
