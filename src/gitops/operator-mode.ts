import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { LocustTest as LocustTestResource } from '../../imports/locust.io';
import { Problem } from '../core/problems';
import { objectMetadata } from '../core/kubernetes';
import { SpecJson } from '../spec/spec';

/** What a LocustTest construct writes. */
export enum RenderMode {
  /**
   * The master Service, master Job and worker Job the operator would create: no operator needed
   * in the cluster, and Argo CD's built-in Job health check shows the test's progress.
   */
  WORKLOAD = 'Workload',
  /**
   * The `locust.io/v2` LocustTest custom resource itself, for clusters that run the operator.
   * Trade-offs: the operator and its CRD must be installed; Argo CD has no health check for the
   * custom resource, which shows Healthy at once whatever the test does; the operator's webhook
   * is off by default, so this library's validation is the only gate before the cluster. Options
   * that change the operator's objects (`runId`, `webUi`, a ServiceMonitor, nested lib folders)
   * cannot apply and are reported as problems.
   */
  OPERATOR = 'Operator',
}

/**
 * Emits the custom resource with the JSON spec exactly as validated. Built as a plain ApiObject
 * with the generated class's apiVersion and kind: the generated `toJson` expects the typed spec
 * and would rename fields of a spec that is already plain JSON.
 */
export function createLocustTestResource(scope: Construct, id: string, name: string, namespace: string | undefined, spec: SpecJson): ApiObject {
  return new ApiObject(scope, id, { ...LocustTestResource.GVK, metadata: objectMetadata(name, namespace), spec });
}

/** What operator mode is asked to do that only the workload mode can. */
export interface OperatorModeRequest {
  readonly runId?: string;
  readonly hook?: string;
  /** The schedule's cron expression. */
  readonly schedule?: string;
  readonly webUi: boolean;
  readonly serviceMonitor: boolean;
  /** Names of emitted ConfigMaps that need volume `items` for nested folders. */
  readonly nestedConfigMaps: readonly string[];
  /** Whether thresholds are set. @default false */
  readonly thresholds?: boolean;
  /** Whether reports are set. @default false */
  readonly reports?: boolean;
  /** Whether a regression gate is set. @default false */
  readonly regression?: boolean;
  /** Whether a requirements file is installed. @default false */
  readonly requirements?: boolean;
  /** Whether the pods are hardened for the restricted Pod Security Standard. @default false */
  readonly restricted?: boolean;
}

/** Options that change the operator's objects, which operator mode does not write. */
export function operatorModeProblems(request: OperatorModeRequest): Problem[] {
  const problems: Problem[] = [];
  const fix = 'drop it, or use RenderMode.WORKLOAD';
  if (request.runId !== undefined) {
    problems.push({ path: 'runId', message: 'needs the workload mode: in operator mode the operator owns the Jobs and their pod templates', value: request.runId, fix });
  }
  if (request.hook !== undefined) {
    problems.push({ path: 'argoCd.hook', message: 'needs the workload mode: in operator mode the operator creates the Jobs, which Argo CD never sees', value: request.hook, fix });
  }
  if (request.schedule !== undefined) {
    problems.push({ path: 'schedule', message: 'needs the workload mode: in operator mode the operator creates the Jobs, once per LocustTest', value: request.schedule, fix });
  }
  if (request.webUi) {
    problems.push({ path: 'webUi', message: 'needs the workload mode: the operator writes the master Service without the web UI port', value: true, fix });
  }
  if (request.serviceMonitor) {
    problems.push({ path: 'monitor', message: 'is a ServiceMonitor, which needs a label on the master Service that the operator does not write', value: 'ServiceMonitor', fix: 'use MetricsMonitor.podMonitor(), or RenderMode.WORKLOAD' });
  }
  if (request.nestedConfigMaps.length > 0) {
    problems.push({ path: 'testFiles', message: 'has nested folders, which the operator cannot mount (it never writes volume items)', value: request.nestedConfigMaps, fix: 'keep the files in one flat folder, or use RenderMode.WORKLOAD' });
  }
  const inJobs = 'needs the workload mode: it changes the pods of the Jobs, which the operator writes in operator mode';
  if (request.thresholds) problems.push({ path: 'thresholds', message: inJobs, fix });
  if (request.reports) problems.push({ path: 'reports', message: inJobs, fix });
  if (request.regression) problems.push({ path: 'regression', message: inJobs, fix });
  if (request.requirements) problems.push({ path: 'testFiles.requirementsFile', message: inJobs, fix });
  if (request.restricted) problems.push({ path: 'podSecurity', message: inJobs, value: 'restricted', fix });
  return problems;
}
