import { restrictedProfileProblems } from '../../src/checks/pod-security';
import { SpecJson } from '../../src/spec/spec';
import { minimalSpecJson } from '../fixtures';

const problemsOf = (extra: Record<string, unknown>) => restrictedProfileProblems(minimalSpecJson(extra) as SpecJson);
const refused = (extra: Record<string, unknown>) => problemsOf(extra).map((p) => [p.path, p.value]);

describe('restrictedProfileProblems', () => {
  test('finds nothing in a spec that sets no security, or only what the profile allows', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ security: {
      podSecurityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'Localhost' }, seLinuxOptions: { type: 'container_t' }, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] },
      containerSecurityContext: { allowPrivilegeEscalation: false, privileged: false, procMount: 'Default', capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, seLinuxOptions: { type: '' } },
    }, volumes: [{ name: 'data', emptyDir: {} }, { name: 'claim', persistentVolumeClaim: { claimName: 'c' } }] })).toEqual([]);
  });

  test('names every setting of either context the profile refuses, with its value and the profile', () => {
    const context = { runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'Unconfined' }, seLinuxOptions: { type: 'spc_t' }, appArmorProfile: { type: 'Unconfined' }, windowsOptions: { hostProcess: true } };
    const problems = problemsOf({ security: { podSecurityContext: context, containerSecurityContext: context } });
    const fields = ['runAsNonRoot', 'runAsUser', 'seccompProfile.type', 'seLinuxOptions.type', 'appArmorProfile.type', 'windowsOptions.hostProcess'];
    expect(problems.map((p) => p.path)).toEqual([
      ...fields.map((f) => `spec.security.podSecurityContext.${f}`),
      ...fields.map((f) => `spec.security.containerSecurityContext.${f}`),
    ]);
    expect(problems.map((p) => p.value).slice(0, 6)).toEqual([false, 0, 'Unconfined', 'spc_t', 'Unconfined', true]);
    expect(new Set(problems.map((p) => p.message))).toEqual(new Set(['is not allowed by the restricted Pod Security Standard']));
  });

  test('refuses unsafe sysctls, privileged containers, escalation, another procMount and added capabilities', () => {
    expect(refused({ security: {
      podSecurityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies' }, { name: 'kernel.msgmax' }] },
      containerSecurityContext: { privileged: true, allowPrivilegeEscalation: true, procMount: 'Unmasked', capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } },
    } })).toEqual([
      ['spec.security.podSecurityContext.sysctls[1].name', 'kernel.msgmax'],
      ['spec.security.containerSecurityContext.privileged', true],
      ['spec.security.containerSecurityContext.allowPrivilegeEscalation', true],
      ['spec.security.containerSecurityContext.procMount', 'Unmasked'],
      ['spec.security.containerSecurityContext.capabilities.add[1]', 'SYS_ADMIN'],
    ]);
  });

  test('refuses volume kinds outside the profile\'s list, naming the kind and the volume', () => {
    const problems = problemsOf({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'host', hostPath: { path: '/var' } }] });
    expect(problems).toEqual([expect.objectContaining({ path: 'spec.volumes[1]', value: 'hostPath volume host', fix: expect.stringMatching(/^use one of the volume kinds it allows: configMap, csi, /) })]);
  });
});

describe('restrictedProfileProblems: every problem in full', () => {
  const refusal = (path: string, value: unknown, fix: string) => ({ path, message: 'is not allowed by the restricted Pod Security Standard', value, fix });

  test('tells how to fix each setting of a context the profile refuses', () => {
    // GIVEN a pod security context with every setting the profile refuses
    const pod = 'spec.security.podSecurityContext';
    const problems = problemsOf({ security: { podSecurityContext: {
      runAsNonRoot: false, runAsUser: 0, seccompProfile: { type: 'Unconfined' }, seLinuxOptions: { type: 'spc_t' },
      appArmorProfile: { type: 'Unconfined' }, windowsOptions: { hostProcess: true },
    } } });

    // THEN each problem says what to write instead
    expect(problems).toEqual([
      refusal(`${pod}.runAsNonRoot`, false, 'remove it: the pods run as a non-root user'),
      refusal(`${pod}.runAsUser`, 0, 'remove it, or give a non-zero uid (the official images use 1000)'),
      refusal(`${pod}.seccompProfile.type`, 'Unconfined', 'use RuntimeDefault or Localhost'),
      refusal(`${pod}.seLinuxOptions.type`, 'spc_t', 'use one of container_t, container_init_t, container_kvm_t, container_engine_t, or none'),
      refusal(`${pod}.appArmorProfile.type`, 'Unconfined', 'use RuntimeDefault or Localhost'),
      refusal(`${pod}.windowsOptions.hostProcess`, true, 'remove it'),
    ]);
  });

  test('tells how to fix each container setting and sysctl the profile refuses', () => {
    const container = 'spec.security.containerSecurityContext';
    const problems = problemsOf({ security: {
      podSecurityContext: { sysctls: [{ name: 'kernel.msgmax' }] },
      containerSecurityContext: { privileged: true, allowPrivilegeEscalation: true, procMount: 'Unmasked', capabilities: { add: ['SYS_ADMIN'] } },
    } });
    expect(problems).toEqual([
      refusal('spec.security.podSecurityContext.sysctls[0].name', 'kernel.msgmax', 'use only the safe sysctls (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, '
        + 'net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, '
        + 'net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes)'),
      refusal(`${container}.privileged`, true, 'remove it'),
      refusal(`${container}.allowPrivilegeEscalation`, true, 'remove it: the containers get allowPrivilegeEscalation: false'),
      refusal(`${container}.procMount`, 'Unmasked', 'remove it'),
      refusal(`${container}.capabilities.add[0]`, 'SYS_ADMIN', 'add at most NET_BIND_SERVICE'),
    ]);
  });

  test('allows every sysctl of the safe set, every allowed SELinux type and both seccomp types', () => {
    const safe = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
      'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
    for (const seLinux of ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) {
      for (const seccomp of ['RuntimeDefault', 'Localhost']) {
        expect(problemsOf({ security: {
          podSecurityContext: { sysctls: safe.map((name) => ({ name, value: '1' })), seLinuxOptions: { type: seLinux }, seccompProfile: { type: seccomp } },
          containerSecurityContext: { seccompProfile: { type: seccomp }, appArmorProfile: { type: 'RuntimeDefault' }, windowsOptions: { hostProcess: false } },
        } })).toEqual([]);
      }
    }
  });

  test('allows every volume kind of the profile\'s list', () => {
    const kinds = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
    expect(problemsOf({ volumes: kinds.map((kind) => ({ name: kind.toLowerCase(), [kind]: {} })) })).toEqual([]);
  });

  test('finds the kind of a volume whatever the order of its fields', () => {
    expect(refused({ volumes: [{ hostPath: { path: '/var' }, name: 'host' }] })).toEqual([['spec.volumes[0]', 'hostPath volume host']]);
  });
});

describe('restrictedProfileProblems: a volume without a source', () => {
  test('allows a volume that names no source, which the API server makes an emptyDir', () => {
    expect(problemsOf({ volumes: [{ name: 'scratch' }] })).toEqual([]);
  });
});
