import { describe, expect, it } from 'vitest';
import { convertPod } from '../../../../shared/convert/convert-object.js';
import { buildPod } from '../../../../shared/plugins/pod/pod-builder.js';
import { TaskSpecError } from '../../../../shared/plugins/pod/task-spec-error.js';
import { containerTaskTemplate } from '../../../../shared/task-action/container-task.js';
import { podTaskTemplate, SEQUENTIAL_CONFIG_KEY } from '../../../../shared/task-action/pod-task.js';
import { NO_CLIENT, roundFor, storedTaskAction } from '../../executor/task-action-fixture.js';

/** What the reference (§3) lists for every container of attempt `attempt`, for a template without an id. */
const flyteEnvOf = (attempt: number) => [
  { name: 'FLYTE_INTERNAL_EXECUTION_ID', value: 'r1' },
  { name: 'FLYTE_INTERNAL_EXECUTION_PROJECT', value: 'proj' },
  { name: 'FLYTE_INTERNAL_EXECUTION_DOMAIN', value: 'dev' },
  { name: '_F_PN', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'FLYTE_ATTEMPT_NUMBER', value: String(attempt - 1) },
  { name: 'ACTION_NAME', value: 'a0' },
  { name: 'RUN_NAME', value: 'r1' },
  { name: '_U_RUN_BASE', value: 'file:///tmp/kueue/acme/proj/dev/r1/' },
  { name: '_U_ORG_NAME', value: 'acme' },
];
const flyteEnv = flyteEnvOf(1);

/** From the template id (proj, dev, My_Tasks.Train, v1): the current names, then the historic ones. */
const TASK_ID_ENV = [
  ['FLYTE_INTERNAL_TASK_PROJECT', 'proj'], ['FLYTE_INTERNAL_TASK_DOMAIN', 'dev'], ['FLYTE_INTERNAL_TASK_NAME', 'My_Tasks.Train'], ['FLYTE_INTERNAL_TASK_VERSION', 'v1'],
  ['FLYTE_INTERNAL_PROJECT', 'proj'], ['FLYTE_INTERNAL_DOMAIN', 'dev'], ['FLYTE_INTERNAL_NAME', 'My_Tasks.Train'], ['FLYTE_INTERNAL_VERSION', 'v1'],
] as const;

describe('buildPod', () => {
  it('builds a container task\'s Pod as Flyte\'s pod plugin does', () => {
    const template = containerTaskTemplate({
      image: 'busybox:1.36',
      command: ['sh', '-c'],
      args: ['echo hi'],
      env: { GREETING: 'hi', ACTION_NAME: 'spoofed' },
      resources: { requests: { cpu: '100m' }, limits: { memory: '64Mi' } },
      timeoutSeconds: 90.5,
      serviceAccount: 'runner',
      id: { project: 'proj', domain: 'dev', name: 'My_Tasks.Train', version: 'v1' },
    });
    const action = storedTaskAction(template, { annotations: { 'kueue.test/outcome': 'Failed', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } });
    const { ctx } = roundFor(action, template, NO_CLIENT, { attempt: 2 });
    const { pod, primaryContainerName } = buildPod(ctx);
    expect(primaryContainerName).toBe('acme-proj-dev-r1-a0-a2');
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'acme-proj-dev-r1-a0-a2',
        namespace: 'flyte',
        labels: {
          'flyte.org/org': 'acme',
          'flyte.org/project': 'proj',
          'flyte.org/domain': 'dev',
          'flyte.org/run': 'r1',
          'flyte.org/action': 'a0',
          'flyte.org/action-type': 'task',
          'flyte.org/is-root': 'true',
          'flyte.org/managed': 'true',
          run: 'r1',
          action: 'a0',
          attempt: '2',
          'task-name': 'my-tasks.train',
          'app.kubernetes.io/managed-by': 'kueue-executor',
          'kueue.dev/attempt': '2',
        },
        annotations: {
          'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
          'kueue.test/outcome': 'Failed',
          primary_container_name: 'acme-proj-dev-r1-a0-a2',
        },
        ownerReferences: [
          { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: 'acme-proj-dev-r1-a0', uid: 'uid-1', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: {
        restartPolicy: 'Never',
        enableServiceLinks: false,
        serviceAccountName: 'runner',
        activeDeadlineSeconds: 91,
        containers: [
          {
            name: 'acme-proj-dev-r1-a0-a2',
            image: 'busybox:1.36',
            command: ['sh', '-c'],
            args: ['echo hi'],
            terminationMessagePolicy: 'FallbackToLogsOnError',
            env: [
              { name: 'GREETING', value: 'hi' },
              ...flyteEnvOf(2).slice(0, 5),
              ...TASK_ID_ENV.map(([name, value]) => ({ name, value })),
              ...flyteEnvOf(2).slice(5),
            ],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          },
        ],
      },
    });
  });

  it('builds a pod task\'s Pod from its spec, with the template\'s metadata and Flyte\'s env in every container', () => {
    const template = podTaskTemplate({
      podSpec: {
        restartPolicy: 'Always',
        nodeSelector: { pool: 'gpu' },
        initContainers: [{ name: 'setup', image: 'busybox' }],
        containers: [
          { name: 'main', image: 'busybox', env: [{ name: 'RUN_NAME', value: 'mine' }] },
          { name: 'proxy', image: 'envoy' },
        ],
      },
      primaryContainerName: 'main',
      labels: { team: 'ml', 'flyte.org/run': 'spoofed' },
      annotations: { note: 'from template' },
    });
    const action = storedTaskAction(template);
    const { pod, primaryContainerName } = buildPod(roundFor(action, template, NO_CLIENT).ctx);
    expect(primaryContainerName).toBe('main');
    expect(pod.metadata.labels?.['team']).toBe('ml');
    expect(pod.metadata.labels?.['flyte.org/run']).toBe('r1');
    // Pod tasks are type "sidecar", so the primary container is annotated.
    expect(pod.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', note: 'from template', primary_container_name: 'main' });
    expect(pod.spec?.restartPolicy).toBe('Never');
    expect(pod.spec?.['enableServiceLinks']).toBe(false);
    // The template's own containers keep their termination message policy.
    expect(pod.spec?.containers.map((c) => c['terminationMessagePolicy'])).toEqual([undefined, undefined]);
    expect(pod.spec?.['nodeSelector']).toEqual({ pool: 'gpu' });
    expect(pod.spec?.initContainers?.[0]?.env).toEqual(flyteEnv);
    expect(pod.spec?.containers.map((c) => c.env)).toEqual([flyteEnv, flyteEnv]);
  });

  it('annotates the primary container as Flyte does: sidecar tasks, or one container unless raw-container', () => {
    const annotationOf = (taskType: string, containers: { name: string; image: string }[], primaryContainerName?: string) => {
      const template = podTaskTemplate({ podSpec: { enableServiceLinks: true, containers }, primaryContainerName: primaryContainerName ?? 'main', taskType });
      const { pod } = buildPod(roundFor(storedTaskAction(template), template, NO_CLIENT).ctx);
      expect(pod.spec?.['enableServiceLinks']).toBe(true);
      return pod.metadata.annotations?.['primary_container_name'];
    };
    const two = [{ name: 'side', image: 'x' }, { name: 'main', image: 'x' }];
    expect(annotationOf('sidecar', two)).toBe('main');
    expect(annotationOf('pod', two)).toBeUndefined();
    expect(annotationOf('pod', [{ name: 'only', image: 'x' }], 'only')).toBe('only');
    expect(annotationOf('raw-container', [{ name: 'only', image: 'x' }], 'only')).toBeUndefined();
    const template = containerTaskTemplate({ image: 'x', taskType: 'raw-container' });
    expect(buildPod(roundFor(storedTaskAction(template), template, NO_CLIENT).ctx).pod.metadata.annotations?.['primary_container_name']).toBeUndefined();
  });

  it('lets the TaskAction say a Pod may be evicted after all', () => {
    const template = containerTaskTemplate({ image: 'x' });
    const action = storedTaskAction(template, { annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' } });
    expect(buildPod(roundFor(action, template, NO_CLIENT).ctx).pod.metadata.annotations?.['cluster-autoscaler.kubernetes.io/safe-to-evict']).toBe('true');
  });

  it('converts an older sequential template that carries only the flag, after which the Pod\'s own phase decides', () => {
    const template = podTaskTemplate({
      podSpec: {
        containers: [
          { name: 'fetch', image: 'busybox', command: ['sh', '-c', 'echo fetch'] },
          { name: 'train', image: 'busybox', command: ['sh', '-c', 'echo train'] },
        ],
      },
      primaryContainerName: 'train',
    });
    template.config[SEQUENTIAL_CONFIG_KEY] = 'true';
    const { pod, primaryContainerName } = buildPod(roundFor(storedTaskAction(template), template, NO_CLIENT).ctx);
    expect(primaryContainerName).toBeUndefined();
    expect(pod.metadata.annotations?.['norbjd.github.io/kueueleuleu']).toBe('true');
    expect(pod.spec?.initContainers?.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);
    expect(pod.spec?.containers.map((c) => c.command?.[0])).toEqual(['/tekton/bin/entrypoint', '/tekton/bin/entrypoint']);
    // Flyte's variables reach the steps too.
    expect(pod.spec?.containers[1]?.env).toEqual(expect.arrayContaining(flyteEnv));
  });

  it('creates a template converted at enqueue as it is: no second conversion', () => {
    const template = podTaskTemplate({
      podSpec: { containers: [{ name: 'one', image: 'busybox', command: ['true'] }, { name: 'two', image: 'busybox', command: ['true'] }] },
      sequential: true,
    });
    const { pod, primaryContainerName } = buildPod(roundFor(storedTaskAction(template), template, NO_CLIENT).ctx);
    expect(primaryContainerName).toBeUndefined();
    expect(pod.spec?.initContainers?.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);
    expect(pod.spec?.containers.map((c) => c.args?.filter((a) => a === '-entrypoint').length)).toEqual([1, 1]);
    expect((pod.spec as { volumes?: { name: string }[] }).volumes?.filter((v) => v.name === 'tekton-internal-bin')).toHaveLength(1);
    // The template's annotations, from the conversion: the marker and what revert restores.
    expect(pod.metadata.annotations?.['norbjd.github.io/kueueleuleu']).toBe('true');
    expect(Object.keys(pod.metadata.annotations ?? {}).some((key) => key.startsWith('norbjd.github.io/'))).toBe(true);
  });

  it('does not convert a pod spec converted before it was enqueued again, but marks the Pod as sequential', () => {
    const converted = convertPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'action' },
      spec: { containers: [{ name: 'one', image: 'busybox', command: ['true'] }, { name: 'two', image: 'busybox', command: ['true'] }] },
    }).object['spec'] as object;
    const template = podTaskTemplate({ podSpec: converted, primaryContainerName: 'two' });
    const { pod, primaryContainerName } = buildPod(roundFor(storedTaskAction(template), template, NO_CLIENT).ctx);
    expect(primaryContainerName).toBeUndefined();
    expect(pod.spec?.initContainers?.map((c) => c.name)).toEqual(['kueueleuleu-prepare']);
    expect(pod.spec?.containers.map((c) => c.args?.filter((a) => a === '-entrypoint').length)).toEqual([1, 1]);
    expect(pod.metadata.annotations?.['norbjd.github.io/kueueleuleu']).toBe('true');
  });

  it('refuses what can never run, as a task specification error', () => {
    // An older template flagged sequential whose containers have no command: it cannot be converted.
    const sequential = podTaskTemplate({ podSpec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }, primaryContainerName: 'a' });
    sequential.config[SEQUENTIAL_CONFIG_KEY] = 'true';
    expect(() => buildPod(roundFor(storedTaskAction(sequential), sequential, NO_CLIENT).ctx)).toThrow(TaskSpecError);
    expect(() => buildPod(roundFor(storedTaskAction(sequential), sequential, NO_CLIENT).ctx)).toThrow(/cannot run its containers sequentially/);
    const bare = containerTaskTemplate({ image: 'x' });
    bare.target = { case: undefined };
    expect(() => buildPod(roundFor(storedTaskAction(bare), bare, NO_CLIENT).ctx)).toThrow('task type "container" has a template without a target, but the pod plugin runs only a container or a pod spec');
  });
});
