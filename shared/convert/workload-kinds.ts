import { type FieldPath } from './field-path.js';
import { isPlainObject } from './json-value.js';

/** Where the pod template of a convertible kind lives. */
export interface WorkloadKind {
  apiVersion: string;
  kind: string;
  /** Every metadata level that gets the sequential annotation, outermost first; the last is the pod's. */
  metadataPaths: readonly FieldPath[];
  podSpecPath: FieldPath;
}

export const POD_KIND: WorkloadKind = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadataPaths: [['metadata']],
  podSpecPath: ['spec'],
};

export const JOB_KIND: WorkloadKind = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadataPaths: [['metadata'], ['spec', 'template', 'metadata']],
  podSpecPath: ['spec', 'template', 'spec'],
};

export const CRONJOB_KIND: WorkloadKind = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadataPaths: [['metadata'], ['spec', 'jobTemplate', 'metadata'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata']],
  podSpecPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [POD_KIND, JOB_KIND, CRONJOB_KIND];

/**
 * Exact match on apiVersion and kind, as the original tool does: `batch/v1beta1` CronJobs or `apps/v1`
 * Deployments are other kinds (a Deployment's restartPolicy must be Always, which re-runs finished steps).
 */
export function findWorkloadKind(object: unknown): WorkloadKind | undefined {
  if (!isPlainObject(object)) return undefined;
  return WORKLOAD_KINDS.find((k) => k.apiVersion === object['apiVersion'] && k.kind === object['kind']);
}

/** The pod template's metadata: where the original-command record is kept, so Pods a Job creates carry it. */
export function podMetadataPath(kind: WorkloadKind): FieldPath {
  const last = kind.metadataPaths[kind.metadataPaths.length - 1];
  if (last === undefined) throw new Error(`workload kind ${kind.kind} has no metadata path`);
  return last;
}

/** Why the dispatchers leave an object alone, for the report of documents passed through. */
export function unsupportedReason(object: unknown): string {
  if (!isPlainObject(object)) return 'not a Kubernetes object';
  const apiVersion = object['apiVersion'];
  const kind = object['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'no apiVersion and kind';
  return `${apiVersion} ${kind} is not a v1 Pod, batch/v1 Job or batch/v1 CronJob`;
}
