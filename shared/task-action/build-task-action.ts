import { type TaskTemplate } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { type OwnerReference } from '../kube/index.js';
import { UserError } from '../errors/index.js';
import {
  type ActionDescription,
  DEFAULT_DATA_ROOT,
  defaultInputUri,
  defaultRunOutputBase,
} from './action-description.js';
import { type TaskActionNaming, headTaskActionName } from './head-naming.js';
import { LABEL_ORG, taskActionLabels } from './labels.js';
import { taskActionName } from './naming.js';
import { TASKACTION_API_VERSION, TASKACTION_KIND } from './api-constants.js';
import { bytesToBase64, decodeTaskTemplate, encodeTaskTemplate } from './task-template-codec.js';
import { type TaskAction, type TaskActionSpec } from './types.js';
import { assertValidAction } from './validation.js';

/** The parent TaskAction as found in the cluster: its CR name (whatever scheme made it) and uid. */
export interface ParentReference {
  name: string;
  uid: string;
}

export interface BuildOptions {
  /** Root of the default `inputUri` and `runOutputBase`. */
  dataRoot?: string;
  /**
   * `flyte-s3` (default): `<org>-<project>-<domain>-<run>-<action>` and the seven labels; `flyte-head`: Flyte's
   * current service, `<run>-<action>` (`<run>-a0` for the root) and the labels without `flyte.org/org`.
   */
  naming?: TaskActionNaming;
}

/**
 * The owner reference Flyte's queue puts on a child: it makes deleting a parent (or a run's root) cascade to the
 * whole subtree, and `blockOwnerDeletion` keeps a foreground delete waiting for the children. No `controller`:
 * the parent does not manage its children.
 */
export function parentOwnerReference(parent: ParentReference): OwnerReference {
  return {
    apiVersion: TASKACTION_API_VERSION,
    kind: TASKACTION_KIND,
    name: parent.name,
    uid: parent.uid,
    blockOwnerDeletion: true,
  };
}

function templateBytes(template: TaskTemplate | Uint8Array): { bytes: Uint8Array; type: string } {
  if (template instanceof Uint8Array) return { bytes: template, type: decodeTaskTemplate(template).type };
  return { bytes: encodeTaskTemplate(template), type: template.type };
}

/**
 * The TaskAction CR for an action, exactly as Flyte's queue writes it: name `<org>-<project>-<domain>-<run>-
 * <action>`, the seven labels, an owner reference to the parent, `taskType` = the template's type and the template
 * bytes; plus apiVersion and kind, which Go clients fill from their scheme but a JSON client must send. Everything
 * is validated first; a child needs its parent's reference (parents are created first).
 */
export function buildTaskAction(
  action: ActionDescription,
  parent?: ParentReference,
  options: BuildOptions = {},
): TaskAction {
  const { bytes, type } = templateBytes(action.taskTemplate);
  assertValidAction({ ...action, taskType: type });

  const head = options.naming === 'flyte-head';
  const name = head ? headTaskActionName(action.runName, action.actionName) : taskActionName(action);
  const queueLabels = taskActionLabels(action);
  // The seven queue labels are how runs and parents are found: a user label never sets one, not even the org
  // label Flyte's current scheme leaves out.
  const userLabels = Object.entries(action.labels ?? {}).filter(([key]) => !(key in queueLabels));
  if (head) delete queueLabels[LABEL_ORG];
  const labels = { ...Object.fromEntries(userLabels), ...queueLabels };
  const isRoot = action.parentActionName === undefined;
  if (!isRoot && parent === undefined) {
    throw new UserError(
      `parent action ${JSON.stringify(action.parentActionName)} of run ${JSON.stringify(action.runName)} is not known`,
      { object: `TaskAction/${name}`, field: 'spec.parentActionName' },
      'create the parent action first',
    );
  }
  if (isRoot && parent !== undefined) {
    throw new UserError(
      `action ${JSON.stringify(action.actionName)} has no parent action name but a parent reference was given`,
      { object: `TaskAction/${name}`, field: 'spec.parentActionName' },
      'name the parent action, or leave out the parent for a root action',
    );
  }
  if (parent !== undefined && (parent.name === '' || parent.uid === '')) {
    throw new UserError(
      'the parent reference needs both the name and the uid of the parent TaskAction',
      { object: `TaskAction/${name}`, field: 'metadata.ownerReferences' },
    );
  }

  const dataRoot = options.dataRoot ?? DEFAULT_DATA_ROOT;
  const spec: TaskActionSpec = {
    runName: action.runName,
    org: action.org,
    project: action.project,
    domain: action.domain,
    actionName: action.actionName,
    ...(action.parentActionName !== undefined ? { parentActionName: action.parentActionName } : {}),
    inputUri: action.inputUri ?? defaultInputUri(action, action.actionName, dataRoot),
    runOutputBase: action.runOutputBase ?? defaultRunOutputBase(action, dataRoot),
    taskType: type,
    ...(action.shortName !== undefined ? { shortName: action.shortName } : {}),
    taskTemplate: bytesToBase64(bytes),
    ...(action.cacheKey !== undefined ? { cacheKey: action.cacheKey } : {}),
    ...(action.group !== undefined ? { group: action.group } : {}),
    ...(action.envVars !== undefined ? { envVars: { ...action.envVars } } : {}),
    ...(action.interruptible !== undefined ? { interruptible: action.interruptible } : {}),
  };

  return {
    apiVersion: TASKACTION_API_VERSION,
    kind: TASKACTION_KIND,
    metadata: {
      name,
      ...(action.namespace !== undefined ? { namespace: action.namespace } : {}),
      labels,
      ...(action.annotations !== undefined && Object.keys(action.annotations).length > 0 ? { annotations: { ...action.annotations } } : {}),
      ...(parent !== undefined ? { ownerReferences: [parentOwnerReference(parent)] } : {}),
    },
    spec,
  };
}
