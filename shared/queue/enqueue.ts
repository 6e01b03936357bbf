import { isKubeApiError, UserError } from '../errors/index.js';
import { type KubeClient, pollUntil } from '../kube/index.js';
import { type ActionDescription, type BuildOptions, buildTaskAction, type ParentReference, specDifferences, type TaskAction, TASKACTIONS } from '../task-action/index.js';
import { checkBatchOrder } from './check-batch-order.js';
import { findAction } from './find-action.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { CRD_NAME, type KeptSpecFields, keptSpec, probeKeptSpecFields, prunedMeaningfulFields } from './kept-spec-fields.js';
import { orderParentsFirst } from './order-parents-first.js';
import { isLiveUnder, remainingOfRun, runBeingDeletedError, settleRunsBeingDeleted, type WaitForDeletion } from './run-deletion.js';
import { StrictTaskActionCreator } from './strict-create.js';

export type EnqueueOutcome = 'created' | 'unchanged';

export interface EnqueueResult {
  name: string;
  outcome: EnqueueOutcome;
  object: TaskAction;
}

export interface EnqueueOptions extends BuildOptions {
  /** Where the TaskActions go (each action's own `namespace` wins). */
  namespace: string;
  /** Server-side dry run: validated and admitted by the API server, nothing stored. */
  dryRun?: boolean;
  /** Actions created at once within one level of the tree (default 8). */
  concurrency?: number;
  /**
   * Told once per batch and field when the installed CRD prunes a field that changes how an action runs (envVars,
   * interruptible under Flyte's S3 CRD), rather than losing it silently.
   */
  onWarning?: (message: string) => void;
  /**
   * A run whose earlier actions are still being deleted (an abort the garbage collector has not finished) is waited
   * for with this bound; without it such a run is refused. Never reported as created/unchanged and then lost.
   */
  waitForDeletion?: WaitForDeletion;
}

/** A create that meets a namesake which then vanishes (409, then 404) is sent again, this many times at most. */
const CREATE_ATTEMPTS = 5;

/**
 * What the installed CRD keeps: a create's answer shows it; for an action that already exists it is asked at most
 * once per batch (a server-side dry run).
 */
class BatchSchema {
  private fields: Promise<KeptSpecFields> | undefined;
  private readonly warned = new Set<string>();
  readonly creator: StrictTaskActionCreator;

  constructor(
    private readonly client: KubeClient,
    private readonly options: EnqueueOptions,
  ) {
    this.creator = new StrictTaskActionCreator(client);
  }

  keptFields(namespace: string, wanted: TaskAction): Promise<KeptSpecFields> {
    this.fields ??= probeKeptSpecFields(this.client, namespace, wanted);
    return this.fields;
  }

  warnAboutPruned(wanted: TaskAction, fields: KeptSpecFields): void {
    if (this.options.onWarning === undefined) return;
    for (const field of prunedMeaningfulFields(wanted.spec, fields)) {
      if (this.warned.has(field)) continue;
      this.warned.add(field);
      this.options.onWarning(
        `${field} is dropped: the installed CRD ${fields.crd} does not have it (Flyte's S3 schema), so TaskAction ${wanted.metadata.name} runs without it; install kueue's CRD (kubectl kueue install --force) to keep it`,
      );
    }
  }
}

/**
 * Enqueues actions as TaskActions, parents before children. A parent is taken from this batch or found in the
 * cluster by its labels. Idempotent: an action that already exists with the same spec is "unchanged"; one that
 * exists with a different spec is a conflict naming the differing fields, counting only the fields the installed
 * CRD keeps (Flyte's CRDs prune some of ours). Every action is validated before the
 * first request is sent, its `after` names and cycles too, so a bad batch creates nothing.
 */
export async function enqueueActions(client: KubeClient, actions: ActionDescription[], options: EnqueueOptions): Promise<EnqueueResult[]> {
  const levels = orderParentsFirst(actions);
  // Build (and so validate) everything up front, with placeholder parents, before touching the cluster.
  for (const action of actions) {
    buildTaskAction(action, action.parentActionName !== undefined ? { name: 'validation', uid: 'validation' } : undefined, options);
  }
  await checkBatchOrder(client, actions, options.namespace, options.naming);
  await settleRunsBeingDeleted(client, actions, options.namespace, options.naming, options.waitForDeletion);
  const known = new Map<string, ParentReference>();
  const results: EnqueueResult[] = [];
  const schema = new BatchSchema(client, options);
  for (const level of levels) {
    const levelResults = await mapWithConcurrency(level, options.concurrency ?? 8, (action) =>
      enqueueOne(client, action, known, options, schema),
    );
    for (const result of levelResults) {
      const action = result.action;
      known.set(runActionKey(action, action.actionName), { name: result.object.metadata.name ?? '', uid: result.object.metadata.uid ?? '' });
      results.push({ name: result.name, outcome: result.outcome, object: result.object });
    }
  }
  return results;
}

function runActionKey(action: ActionDescription, actionName: string): string {
  return [action.namespace ?? '', action.org, action.project, action.domain, action.runName, actionName].join('\u0000');
}

async function enqueueOne(
  client: KubeClient,
  action: ActionDescription,
  known: Map<string, ParentReference>,
  options: EnqueueOptions,
  schema: BatchSchema,
): Promise<EnqueueResult & { action: ActionDescription }> {
  const namespace = action.namespace ?? options.namespace;
  let parent: ParentReference | undefined;
  if (action.parentActionName !== undefined) {
    parent = known.get(runActionKey(action, action.parentActionName));
    if (!parent) {
      // Flyte's current service writes no org label, so its parents are found without one.
      const run = options.naming === 'flyte-head' ? { project: action.project, domain: action.domain, runName: action.runName } : action;
      const found = await findAction(client, namespace, run, action.parentActionName);
      if (!found) {
        throw new UserError(
          `parent action "${action.parentActionName}" of run "${action.runName}" not found in namespace "${namespace}"`,
          { object: `TaskAction/${action.actionName}`, field: 'spec.parentActionName' },
          'enqueue the parent first (or in the same file), or fix --parent',
        );
      }
      parent = { name: found.metadata.name ?? '', uid: found.metadata.uid ?? '' };
    }
  }
  const wanted = buildTaskAction({ ...action, namespace }, parent, options);
  for (let attempt = 1; ; attempt++) {
    const outcome = await createOrCompare(client, action, namespace, wanted, parent, options, schema);
    if (outcome !== 'gone') return { ...outcome, action };
    // The namesake vanished between the 409 and the read, or was going away: create again.
    if (attempt >= CREATE_ATTEMPTS) {
      throw runBeingDeletedError(action.runName, await remainingOfRun(client, namespace, action, options.naming));
    }
  }
}

/**
 * One create. An existing namesake counts as "unchanged" only when it is live and owned by this batch's parent;
 * one being deleted (or orphaned, waiting for the garbage collector) is waited for when the caller allows it,
 * else refused; 'gone' asks the caller to create again.
 */
async function createOrCompare(
  client: KubeClient,
  action: ActionDescription,
  namespace: string,
  wanted: TaskAction,
  parent: ParentReference | undefined,
  options: EnqueueOptions,
  schema: BatchSchema,
): Promise<EnqueueResult | 'gone'> {
  const name = wanted.metadata.name ?? '';
  try {
    const created = await schema.creator.create(namespace, wanted, options.dryRun);
    schema.warnAboutPruned(wanted, { kept: new Set(Object.keys(created.spec)), crd: CRD_NAME });
    return { name, outcome: 'created', object: created };
  } catch (err) {
    if (!(isKubeApiError(err) && err.code === 409 && err.reason === 'AlreadyExists')) throw err;
  }
  let existing: TaskAction;
  try {
    existing = await client.get<TaskAction>(TASKACTIONS, namespace, name);
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) return 'gone';
    throw err;
  }
  if (!isLiveUnder(existing, parent?.uid)) {
    if (options.waitForDeletion === undefined) {
      throw runBeingDeletedError(action.runName, await remainingOfRun(client, namespace, action, options.naming));
    }
    await waitUntilObjectGone(client, namespace, existing, options.waitForDeletion.timeoutMs);
    return 'gone';
  }
  // Compared with what the server would have kept of it: a field the CRD prunes is no difference.
  const fields = await schema.keptFields(namespace, wanted);
  schema.warnAboutPruned(wanted, fields);
  const differences = specDifferences(existing.spec, keptSpec(wanted.spec, fields));
  if (differences.length > 0) {
    throw new UserError(
      `TaskAction ${namespace}/${name} already exists with a different spec (${differences.join(', ')})`,
      { object: `TaskAction/${name}`, field: differences[0] },
      'choose another run or action name, or abort the existing action first',
    );
  }
  return { name, outcome: 'unchanged', object: existing };
}

/** Waits until this very object (by uid) is gone: a namesake created since does not count. */
async function waitUntilObjectGone(client: KubeClient, namespace: string, object: TaskAction, timeoutMs: number): Promise<void> {
  const name = object.metadata.name ?? '';
  await pollUntil(
    async () => {
      try {
        const current = await client.get<TaskAction>(TASKACTIONS, namespace, name);
        return current.metadata.uid !== object.metadata.uid;
      } catch (err) {
        if (isKubeApiError(err) && err.code === 404) return true;
        throw err;
      }
    },
    { timeoutMs, what: () => `TaskAction ${namespace}/${name} to be deleted` },
  );
}
