import { randomBytes } from 'node:crypto';
import { UserError } from '../errors/index.js';
import { type KubeClient } from '../kube/index.js';
import { DEFAULT_ORG, enqueueActions, type EnqueueResult } from '../queue/index.js';
import {
  ANNOTATION_STOP,
  ACTION_TYPE_CONDITION,
  type ActionDescription,
  base64ToBytes,
  defaultInputUri,
  defaultRunOutputBase,
  RETRY_ANNOTATION,
  type RunIdentity,
  type TaskAction,
} from '../task-action/index.js';
import { findRun, type RunNarrowing } from './find-run.js';
import { type RunSummary } from './run-summary.js';

/** Annotations that say what happened to the old run, not what the new one is: they are not copied. */
const NOT_COPIED: readonly string[] = [RETRY_ANNOTATION, ANNOTATION_STOP, 'kubectl.kubernetes.io/last-applied-configuration'];

/** The longest run name (Flyte's CRD: 30 characters). */
const MAX_RUN_NAME = 30;
const SUFFIX_LENGTH = 5;
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A new run name from an old one, like Kubernetes' `generateName`: the old name (shortened to fit, and without a
 * suffix a previous resubmit added) plus `-` and five random characters.
 */
export function generatedRunName(base: string, random: () => Uint8Array = () => randomBytes(SUFFIX_LENGTH)): string {
  const bytes = random();
  const suffix = Array.from({ length: SUFFIX_LENGTH }, (_, i) => SUFFIX_ALPHABET[(bytes[i] ?? 0) % SUFFIX_ALPHABET.length]).join('');
  const stem = base.replace(new RegExp(`-[${SUFFIX_ALPHABET}]{${SUFFIX_LENGTH}}$`), '').slice(0, MAX_RUN_NAME - SUFFIX_LENGTH - 1).replace(/-+$/, '');
  return `${stem}-${suffix}`;
}

function copiedAnnotations(action: TaskAction): Record<string, string> | undefined {
  const annotations = { ...action.metadata.annotations };
  for (const key of NOT_COPIED) delete annotations[key];
  return Object.keys(annotations).length > 0 ? annotations : undefined;
}

/** A path that was the old run's default becomes the new run's default; one the user chose is kept. */
function rebased(value: string | undefined, oldDefault: string): string | undefined {
  return value === undefined || value === oldDefault ? undefined : value;
}

/**
 * The actions of a new run with the same specs as `run`: same project, domain, action names, parents, templates
 * (byte for byte), annotations (but retry and stop requests), environment and cache settings.
 */
export function resubmittedActions(run: RunSummary, runName: string): ActionDescription[] {
  return run.actions.map((action) => {
    const object = `TaskAction ${action.metadata.namespace ?? ''}/${action.metadata.name ?? ''}`;
    const { spec } = action;
    if (spec.actionType === ACTION_TYPE_CONDITION || spec.taskTemplate === undefined) {
      throw new UserError(
        `action "${spec.actionName}" of run "${run.runName}" is ${spec.actionType === ACTION_TYPE_CONDITION ? 'a condition action' : 'not a task (no spec.taskTemplate)'}, which resubmit cannot copy`,
        { object, field: spec.actionType === ACTION_TYPE_CONDITION ? 'spec.actionType' : 'spec.taskTemplate' },
        'enqueue the new run from its manifest instead',
      );
    }
    const old: RunIdentity = { org: spec.org ?? run.org ?? DEFAULT_ORG, project: spec.project, domain: spec.domain, runName: spec.runName };
    const inputUri = rebased(spec.inputUri, defaultInputUri(old, spec.actionName));
    const runOutputBase = rebased(spec.runOutputBase, defaultRunOutputBase(old));
    const annotations = copiedAnnotations(action);
    return {
      org: old.org,
      project: spec.project,
      domain: spec.domain,
      runName,
      actionName: spec.actionName,
      ...(spec.parentActionName !== undefined ? { parentActionName: spec.parentActionName } : {}),
      taskTemplate: base64ToBytes(spec.taskTemplate, { object, field: 'spec.taskTemplate' }),
      ...(spec.shortName !== undefined ? { shortName: spec.shortName } : {}),
      ...(inputUri !== undefined ? { inputUri } : {}),
      ...(runOutputBase !== undefined ? { runOutputBase } : {}),
      namespace: action.metadata.namespace,
      ...(annotations !== undefined ? { annotations } : {}),
      ...(spec.cacheKey !== undefined ? { cacheKey: spec.cacheKey } : {}),
      ...(spec.group !== undefined ? { group: spec.group } : {}),
      ...(spec.envVars !== undefined ? { envVars: spec.envVars } : {}),
      ...(spec.interruptible !== undefined ? { interruptible: spec.interruptible } : {}),
    };
  });
}

export interface ResubmitOutcome {
  from: RunSummary;
  runName: string;
  created: EnqueueResult[];
}

/** Enqueues a new run with the same specs as an existing one; its name is given or generated from the old one. */
export async function resubmitRun(
  client: KubeClient,
  namespace: string,
  target: { runName: string; newRunName?: string } & RunNarrowing,
  options: { onWarning?: (message: string) => void } = {},
): Promise<ResubmitOutcome> {
  const from = await findRun(client, namespace, target.runName, target);
  const runName = target.newRunName ?? generatedRunName(from.runName);
  const created = await enqueueActions(client, resubmittedActions(from, runName), {
    namespace,
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
  });
  return { from, runName, created };
}
