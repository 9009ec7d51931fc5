/**
 * Names, ports and label keys the operator uses. One place, so that the builders and the
 * validation agree on them.
 */

/** Which of the two Locust pods an object belongs to. */
export enum LocustRole {
  /** The master: one pod that coordinates the workers and serves the web UI. */
  MASTER = 'master',
  /** The workers: the pods that generate the load. */
  WORKER = 'worker',
}

/** Port the master listens on for workers (Locust's default), passed as `--master-port`. */
export const MASTER_PORT = 5557;
/** Second master port the operator exposes (Locust's master-bind-port + 1). */
export const MASTER_BIND_PORT_PLUS_ONE = 5558;
/** Locust web UI and REST API; the exporter sidecar scrapes it. */
export const WEB_UI_PORT = 8089;
/** Port the operator declares on workers although Locust does not listen on it (kept for parity). */
export const WORKER_PORT = 8080;

export const LABEL_APP = 'app';
export const LABEL_TEST_NAME = 'performance-test-name';
export const LABEL_POD_NAME = 'performance-test-pod-name';
export const LABEL_MANAGED_BY = 'managed-by';
export const MANAGED_BY_VALUE = 'locust-k8s-operator';

export const EXPORTER_CONTAINER_NAME = 'locust-metrics-exporter';
export const LIB_VOLUME_NAME = 'locust-lib';
export const SECRET_VOLUME_PREFIX = 'secret-';

export const DEFAULT_SRC_MOUNT_PATH = '/lotest/src';
export const DEFAULT_LIB_MOUNT_PATH = '/opt/locust/lib';
export const DEFAULT_AUTOQUIT_TIMEOUT = 60;

/** The operator's name sanitisation: every `.` becomes `-`, nothing else changes. */
export function sanitizeName(name: string): string {
  return name.split('.').join('-');
}

/** `<name>-master` or `<name>-worker`: Job, container, Service and locustfile volume name. */
export function roleObjectName(testName: string, role: LocustRole): string {
  return `${sanitizeName(testName)}-${role}`;
}

/** Volume name for a secret mount; the secret name is deliberately not sanitised. */
export function secretVolumeName(secretName: string): string {
  return `${SECRET_VOLUME_PREFIX}${secretName}`;
}
