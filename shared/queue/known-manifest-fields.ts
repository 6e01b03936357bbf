import { type FieldShape, leaves } from './field-shape.js';

// The field names enqueue knows for each kind it reads, in one place. Kubernetes' lists follow the v1.32 API
// (core/v1 ObjectMeta, PodSpec, Container; batch/v1 JobSpec); TaskAction's spec follows our CRD, which a unit
// test compares with crds/taskactions.flyte.org.yaml. Deeper structures (probes, volumes, affinity) are checked
// by the API server, which is asked with fieldValidation=Strict only for TaskActions: their pod specs are opaque
// bytes to it, hence the container and pod spec lists here.

const OBJECT_META = leaves([
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers',
  'managedFields', 'selfLink',
]);

const CONTAINER_FIELDS = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
  'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle',
  'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce',
  'tty',
];

const CONTAINERS: FieldShape = { items: leaves(CONTAINER_FIELDS) };

const POD_SPEC = leaves(
  [
    'volumes', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector',
    'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID',
    'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity',
    'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates',
    'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
    'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
  ],
  {
    containers: CONTAINERS,
    initContainers: CONTAINERS,
    ephemeralContainers: { items: leaves([...CONTAINER_FIELDS, 'targetContainerName']) },
  },
);

const JOB_SPEC = leaves(
  [
    'parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit',
    'backoffLimitPerIndex', 'maxFailedIndexes', 'selector', 'manualSelector', 'ttlSecondsAfterFinished',
    'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy',
  ],
  { template: { fields: { metadata: OBJECT_META, spec: POD_SPEC } } },
);

/** The spec fields of our TaskAction CRD (a superset of Flyte's S3 and current ones). */
export const TASK_ACTION_SPEC_FIELDS: readonly string[] = [
  'runName', 'org', 'project', 'domain', 'actionName', 'parentActionName', 'inputUri', 'runOutputBase', 'taskType',
  'shortName', 'taskTemplate', 'actionType', 'conditionSpec', 'cacheKey', 'envVars', 'interruptible', 'group',
];

/** The hand-written form of `spec.taskTemplate` that enqueue expands (the base64 form is a string, not checked). */
const EXPANDED_TASK_TEMPLATE = leaves(['type', 'retries', 'timeoutSeconds'], {
  container: leaves(['image', 'command', 'args', 'env', 'resources']),
  pod: leaves(['primaryContainerName', 'sequential'], { spec: POD_SPEC }),
});

function topLevel(spec: FieldShape): FieldShape {
  return leaves(['apiVersion', 'kind', 'status'], { metadata: OBJECT_META, spec });
}

/** The known fields of each kind enqueue reads, by `kind`. */
export const KNOWN_MANIFEST_FIELDS: Readonly<Record<string, FieldShape>> = {
  TaskAction: topLevel(leaves(TASK_ACTION_SPEC_FIELDS, { taskTemplate: EXPANDED_TASK_TEMPLATE })),
  Pod: topLevel(POD_SPEC),
  Job: topLevel(JOB_SPEC),
};
