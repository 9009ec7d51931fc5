import { Problem } from '../core/problems';

/**
 * Whether a local run may send load to the target the test names. A test written for a cluster
 * names its target by a cluster DNS name (`http://catalogue.shop.svc:8080`); on a laptop with
 * cluster DNS, a VPN or a search domain, that name can resolve to a real service, which a local
 * run would then load without anyone having chosen it. Such a target must be confirmed.
 */

/** The host part of a URL or `host:port`, lowercased; undefined when there is none. */
function hostOf(target: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/\s?#]+)/i.exec(target.trim());
  return match?.[1].toLowerCase();
}

/**
 * The host when it is a name only a cluster's DNS gives meaning to: a Service name
 * (`catalogue`), `*.svc` or `*.cluster.local`. Loopback names and addresses, and fully qualified
 * names outside the cluster, are the user's own choice.
 */
export function clusterInternalHost(target: string): string | undefined {
  const host = hostOf(target);
  if (host === undefined || host === 'localhost' || host.startsWith('[')) return undefined;
  // An IPv4 address has dots and no cluster suffix, so it falls through to undefined below.
  if (host.endsWith('.svc') || host.endsWith('.cluster.local') || host.endsWith('.cluster.local.') || !host.includes('.')) return host;
  return undefined;
}

/** The processes' `--host` values (undefined where none) that name a cluster-internal target, as problems. */
export function clusterTargetProblems(processes: ReadonlyArray<{ readonly label: string; readonly target: string | undefined }>): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { label, target } of processes) {
    if (target === undefined || seen.has(target)) continue;
    seen.add(target);
    const host = clusterInternalHost(target);
    if (host === undefined) continue;
    problems.push({
      path: `the ${label}'s --host`,
      message: `names ${host}, a host inside the cluster, which this machine may resolve to a real service`,
      value: target,
      fix: 'pass --host URL with this run\'s target (e.g. --host http://127.0.0.1:8080), or --use-test-host to load the test\'s own target from here',
    });
  }
  return problems;
}
