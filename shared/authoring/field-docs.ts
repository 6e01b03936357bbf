import { ANNOTATION_AFTER, ANNOTATION_CHILDREN_WAIT_FOR_PARENT, LIMITS } from '../task-action/index.js';

// What each field of a hand-written TaskAction means, as hovers and completions show it. The spec fields follow
// crds/taskactions.flyte.org.yaml (a unit test checks every spec field has an entry); the taskTemplate fields are
// the expanded form `kubectl kueue enqueue -f` turns into the protobuf TaskTemplate.

const atMost = (n: number): string => `At most ${n} characters.`;
const namePart = (n: number, label: string): string =>
  `${atMost(n)} Part of the TaskAction's name and its \`${label}\` label: lower-case letters, digits, \`-\` and \`.\`.`;

/** Documentation of TaskAction fields by dotted path (list items as `[]`). */
export const TASK_ACTION_FIELD_DOCS: Readonly<Record<string, string>> = {
  apiVersion: 'Always `flyte.org/v1` for a TaskAction.',
  kind: '`TaskAction`: one action of a Flyte run, queued for execution.',
  metadata: 'Object metadata. `name` may be left out: enqueue derives it from org, project, domain, run and action.',
  'metadata.name': 'Derived by enqueue as `<org>-<project>-<domain>-<run>-<action>` when left out.',
  'metadata.namespace': 'Namespace of the TaskAction; default: the current namespace.',
  'metadata.annotations': `Annotations, kept on the TaskAction. \`${ANNOTATION_AFTER}\` orders the actions of a run.`,
  [`metadata.annotations.${ANNOTATION_AFTER}`]:
    'Comma-separated action names of the same run that must succeed before this action starts; if one fails, this action ends `UpstreamFailed` without running.',
  [`metadata.annotations.${ANNOTATION_CHILDREN_WAIT_FOR_PARENT}`]:
    'On a run\'s root action, `"true"` makes every child wait for its parent to succeed.',
  spec: 'What to run and where it belongs: run, action, parent and the task template.',
  status: 'Written by the executor; ignored on enqueue.',
  'spec.runName': `Name of the run this action belongs to. Required (or give \`--run\`). ${namePart(LIMITS.runName, 'flyte.org/run')}`,
  'spec.actionName': `Name of this action within its run. Required. ${namePart(LIMITS.actionName, 'flyte.org/action')}`,
  'spec.parentActionName': `The parent action (same run); absent for the run's root. The child is created after it, owned by it. ${atMost(LIMITS.parentActionName)}`,
  'spec.org': `Organization. Default \`local\` (or \`--org\`, \`KUEUE_ORG\`). ${namePart(LIMITS.org, 'flyte.org/org')}`,
  'spec.project': `Project. Default \`default\` (or \`--project\`, \`KUEUE_PROJECT\`). ${namePart(LIMITS.project, 'flyte.org/project')}`,
  'spec.domain': `Domain. Default \`development\` (or \`--domain\`, \`KUEUE_DOMAIN\`). ${namePart(LIMITS.domain, 'flyte.org/domain')}`,
  'spec.inputUri': 'Where the action reads its inputs (a URI); default derived from the run.',
  'spec.runOutputBase': 'Base URI of the run\'s outputs; default derived from the run.',
  'spec.taskType': `Task type (e.g. \`container\`). ${atMost(LIMITS.taskType)}`,
  'spec.shortName': `Display name. ${atMost(LIMITS.shortName)}`,
  'spec.taskTemplate':
    'The task: the base64 protobuf `flyteidl2.core.TaskTemplate` (as `kubectl get -o yaml` shows it), or written expanded: `container: {image, command}` or `pod: {spec}`, with optional `retries` and `timeoutSeconds`.',
  'spec.actionType': 'Action type as Flyte\'s current CRD writes it (`task`, `trace`, `condition`).',
  'spec.conditionSpec': 'A condition action: waits for a signal instead of running a Pod.',
  'spec.cacheKey': `Cache key of the task's outputs. ${atMost(LIMITS.cacheKey)}`,
  'spec.envVars': 'Environment variables added to the task\'s containers (name: value).',
  'spec.interruptible': 'Whether the task may run on interruptible (spot) nodes.',
  'spec.group': `Group the action belongs to in the run's view. ${atMost(LIMITS.group)}`,
  'spec.taskTemplate.type': 'Task type written into the template; default `container` or `pod`.',
  'spec.taskTemplate.retries': 'How many times a failed attempt is retried (a whole number).',
  'spec.taskTemplate.timeoutSeconds': 'How long an attempt may run, in seconds.',
  'spec.taskTemplate.container': 'A container task: `image` (required), `command`, `args`, `env`, `resources`.',
  'spec.taskTemplate.container.image': 'Container image. Required.',
  'spec.taskTemplate.container.command': 'Entrypoint, as a list (`[sh, -c, "echo hi"]`).',
  'spec.taskTemplate.container.args': 'Arguments to the entrypoint, as a list.',
  'spec.taskTemplate.container.env': 'Environment variables (name: value).',
  'spec.taskTemplate.container.resources': 'Requests and limits; without them the task requests cpu=100m, memory=128Mi.',
  'spec.taskTemplate.pod': 'A pod task: `spec` (a Pod spec), optional `primaryContainerName` and `sequential`.',
  'spec.taskTemplate.pod.spec': 'The Pod spec the task runs.',
  'spec.taskTemplate.pod.primaryContainerName': 'The container whose end is the task\'s end; default the first.',
  'spec.taskTemplate.pod.sequential': '`true`: convert the Pod to sequential containers on enqueue (its containers run one after the other).',
};

/** The documentation of a TaskAction field, by its path (list indexes ignored). */
export function taskActionFieldDoc(path: readonly (string | number)[]): string | undefined {
  const key = path.filter((part): part is string => typeof part === 'string').join('.');
  const doc = TASK_ACTION_FIELD_DOCS[key];
  return doc;
}
