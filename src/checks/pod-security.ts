import { Problem } from '../core/problems';
import { RESTRICTED_ADDABLE_CAPABILITY } from '../pod/pod-security';
import { JsonObject, SpecJson } from '../spec/spec';

/** The volume sources the restricted profile allows. */
const RESTRICTED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** The seccomp profile types both profiles allow. */
const ALLOWED_SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];
/** The sysctls the baseline profile (and so restricted) allows: Kubernetes' safe set. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
/** The SELinux types the baseline profile allows, besides none. */
const ALLOWED_SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

const PROFILE = 'the restricted Pod Security Standard';

/**
 * What a spec sets that the restricted Pod Security Standard refuses, so that `podSecurity:
 * PodSecurity.RESTRICTED` cannot write pods the namespace would reject. The hardening adds what
 * the profile requires; it never overwrites what the spec chose, so a conflict is a problem here.
 */
export function restrictedProfileProblems(spec: SpecJson): Problem[] {
  const problems: Problem[] = [];
  const refuse = (path: string, value: unknown, fix: string) => problems.push({ path, message: `is not allowed by ${PROFILE}`, value, fix });
  const pod = spec.security?.podSecurityContext;
  const container = spec.security?.containerSecurityContext;
  for (const [context, path] of [[pod, 'spec.security.podSecurityContext'], [container, 'spec.security.containerSecurityContext']] as const) {
    if (context === undefined) continue;
    if (context.runAsNonRoot === false) refuse(`${path}.runAsNonRoot`, false, 'remove it: the pods run as a non-root user');
    if (context.runAsUser === 0) refuse(`${path}.runAsUser`, 0, 'remove it, or give a non-zero uid (the official images use 1000)');
    const seccomp = (context.seccompProfile as JsonObject | undefined)?.type;
    if (seccomp !== undefined && !ALLOWED_SECCOMP_TYPES.includes(String(seccomp))) refuse(`${path}.seccompProfile.type`, seccomp, 'use RuntimeDefault or Localhost');
    const seLinuxType = (context.seLinuxOptions as JsonObject | undefined)?.type;
    if (seLinuxType !== undefined && seLinuxType !== '' && !ALLOWED_SELINUX_TYPES.includes(String(seLinuxType))) refuse(`${path}.seLinuxOptions.type`, seLinuxType, `use one of ${ALLOWED_SELINUX_TYPES.join(', ')}, or none`);
    if ((context.appArmorProfile as JsonObject | undefined)?.type === 'Unconfined') refuse(`${path}.appArmorProfile.type`, 'Unconfined', 'use RuntimeDefault or Localhost');
    if ((context.windowsOptions as JsonObject | undefined)?.hostProcess === true) refuse(`${path}.windowsOptions.hostProcess`, true, 'remove it');
  }
  ((pod?.sysctls as JsonObject[] | undefined) ?? []).forEach((sysctl, i) => {
    if (!SAFE_SYSCTLS.includes(String(sysctl.name))) refuse(`spec.security.podSecurityContext.sysctls[${i}].name`, sysctl.name, `use only the safe sysctls (${SAFE_SYSCTLS.join(', ')})`);
  });
  if (container !== undefined) {
    const path = 'spec.security.containerSecurityContext';
    if (container.privileged === true) refuse(`${path}.privileged`, true, 'remove it');
    if (container.allowPrivilegeEscalation === true) refuse(`${path}.allowPrivilegeEscalation`, true, 'remove it: the containers get allowPrivilegeEscalation: false');
    if (container.procMount !== undefined && container.procMount !== 'Default') refuse(`${path}.procMount`, container.procMount, 'remove it');
    const added = ((container.capabilities as JsonObject | undefined)?.add as unknown[] | undefined) ?? [];
    added.forEach((capability, i) => {
      if (capability !== RESTRICTED_ADDABLE_CAPABILITY) refuse(`${path}.capabilities.add[${i}]`, capability, `add at most ${RESTRICTED_ADDABLE_CAPABILITY}`);
    });
  }
  (spec.volumes ?? []).forEach((volume, i) => {
    const source = Object.keys(volume).find((key) => key !== 'name');
    if (source !== undefined && !RESTRICTED_VOLUME_SOURCES.includes(source)) {
      refuse(`spec.volumes[${i}]`, `${source} volume ${volume.name}`, `use one of the volume kinds it allows: ${RESTRICTED_VOLUME_SOURCES.join(', ')}`);
    }
  });
  return problems;
}
