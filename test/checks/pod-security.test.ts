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
