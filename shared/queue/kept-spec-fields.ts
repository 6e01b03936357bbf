import { type KubeClient } from '../kube/index.js';
import { type TaskAction, type TaskActionSpec, TASKACTIONS } from '../task-action/index.js';

/** Spec fields that change how an action runs: losing one to the CRD's pruning is worth a warning. */
const MEANINGFUL_FIELDS: readonly (keyof TaskActionSpec)[] = ['envVars', 'interruptible'];

/**
 * Every optional spec field filled in, so one probe tells which of them the installed CRD keeps. The values only
 * have to pass the schemas of the CRDs we know (ours, Flyte's S3 and current ones).
 */
const PROBE_FIELDS: Partial<TaskActionSpec> = {
  parentActionName: 'probe',
  shortName: 'probe',
  cacheKey: 'probe',
  group: 'probe',
  envVars: { PROBE: 'probe' },
  interruptible: true,
};

/** The TaskAction CRD's name, for messages. */
export const CRD_NAME = `${TASKACTIONS.plural}.${TASKACTIONS.group}`;

/** What the installed TaskAction CRD does to the spec fields we write. */
export interface KeptSpecFields {
  /** Spec fields the server stores; any other is pruned silently. */
  kept: ReadonlySet<string>;
  /** The CRD's name as its answer names it, for messages (`taskactions.flyte.org`). */
  crd: string;
}

/**
 * Finds out, with one server-side dry-run create of `wanted` under a generated name (nothing is stored), which spec
 * fields the installed TaskAction CRD keeps. Flyte's CRDs list no `x-kubernetes-preserve-unknown-fields`, so the
 * API server prunes what they do not know: S3's drops envVars, interruptible, group, cacheKey, actionType and
 * conditionSpec; the current one drops org.
 */
export async function probeKeptSpecFields(client: KubeClient, namespace: string, wanted: TaskAction): Promise<KeptSpecFields> {
  const probe: TaskAction = {
    apiVersion: wanted.apiVersion,
    kind: wanted.kind,
    metadata: { generateName: 'kueue-probe-', namespace, ...(wanted.metadata.labels !== undefined ? { labels: wanted.metadata.labels } : {}) },
    spec: { ...PROBE_FIELDS, ...wanted.spec },
  };
  // The probe wants the pruning itself: Ignore, where enqueue's creates are Strict.
  const answer = await client.create<TaskAction>(TASKACTIONS, namespace, probe, { dryRun: true, fieldValidation: 'Ignore' });
  return { kept: new Set(Object.keys(answer.spec)), crd: CRD_NAME };
}

/** The spec as the server would store it: only the kept fields. */
export function keptSpec(spec: TaskActionSpec, fields: KeptSpecFields): TaskActionSpec {
  return Object.fromEntries(Object.entries(spec).filter(([key]) => fields.kept.has(key))) as unknown as TaskActionSpec;
}

/** The meaningful fields `spec` sets that the CRD prunes, as `spec.<field>`. */
export function prunedMeaningfulFields(spec: TaskActionSpec, fields: KeptSpecFields): string[] {
  return MEANINGFUL_FIELDS.filter((key) => spec[key] !== undefined && !fields.kept.has(key)).map((key) => `spec.${key}`);
}

