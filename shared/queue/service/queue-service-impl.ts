import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { EnqueueActionRequestSchema, type QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { isUserError } from '../../errors/index.js';
import { type KubeClient } from '../../kube/index.js';
import { type RunSelectorParts, type TaskActionNaming } from '../../task-action/index.js';
import { abortAction, abortRun, enqueueActions } from '../index.js';
import { actionFromAbortRequest, runFromAbortRequest } from './abort-request.js';
import { describeUserError, toConnectError } from './connect-error.js';
import { clientTemplateBytes, fieldNumberPath } from './client-template-bytes.js';
import { actionFromEnqueueRequest } from './enqueue-request.js';
import { requestFieldNames } from './request-fields.js';

/** Where the template sits in an EnqueueActionRequest: task.spec.task_template. */
const TEMPLATE_PATH = fieldNumberPath(EnqueueActionRequestSchema, ['task', 'spec', 'taskTemplate']);

export interface QueueServiceOptions {
  /** Where TaskActions are created and looked up (Flyte's default is `flyte`). */
  namespace: string;
  /** `flyte-s3` (default) or `flyte-head` names and labels for the TaskActions created. */
  naming?: TaskActionNaming;
  /** Told about a field the installed CRD prunes (see `EnqueueOptions.onWarning`); the caller dedupes. */
  warn?: (message: string) => void;
}

/**
 * After validation, enqueue can still refuse an action for what is in the cluster: the parent is missing
 * (`not_found`), or the action exists with a different spec (`already_exists`, naming the differing fields).
 * Anything else (ambiguous labels) is a state the caller must resolve first.
 */
function enqueueRefusal(err: unknown): ConnectError {
  if (!isUserError(err)) return toConnectError(err);
  const message = describeUserError(err, requestFieldNames('action_id.run'));
  if (/already exists/.test(err.message)) return new ConnectError(message, Code.AlreadyExists);
  if (err.location.field === 'spec.parentActionName') return new ConnectError(message, Code.NotFound);
  return new ConnectError(message, Code.FailedPrecondition);
}

/**
 * Flyte's `QueueService` over TaskAction custom resources: an action is one TaskAction, children own-referenced
 * by their parent, so aborting is one delete and Kubernetes' garbage collector removes the subtree. Every call is
 * idempotent: enqueuing the same action again succeeds (a different spec is `already_exists`), and aborting a run
 * or action that is gone succeeds.
 */
export function createQueueServiceImpl(client: KubeClient, options: QueueServiceOptions): ServiceImpl<typeof QueueService> {
  const { namespace, naming } = options;
  const onWarning = options.warn;
  // Flyte's current naming writes no org label, so the runs it named are found without the org of the request.
  const scope = (run: RunSelectorParts): RunSelectorParts => {
    if (naming !== 'flyte-head') return run;
    const { org: _org, ...rest } = run;
    return rest;
  };
  return {
    async enqueueAction(request, ctx) {
      const action = actionFromEnqueueRequest(request, (template) => clientTemplateBytes(ctx, TEMPLATE_PATH, template));
      try {
        await enqueueActions(client, [action], { namespace, ...(naming !== undefined ? { naming } : {}), ...(onWarning !== undefined ? { onWarning } : {}) });
      } catch (err) {
        throw enqueueRefusal(err);
      }
      return {};
    },

    async abortQueuedRun(request) {
      const run = runFromAbortRequest(request.runId);
      try {
        await abortRun(client, scope(run), { namespace });
      } catch (err) {
        throw toConnectError(err, requestFieldNames('run_id'));
      }
      return {};
    },

    async abortQueuedAction(request) {
      const { run, actionName } = actionFromAbortRequest(request.actionId);
      try {
        await abortAction(client, scope(run), actionName, { namespace });
      } catch (err) {
        throw toConnectError(err, requestFieldNames('action_id.run'));
      }
      return {};
    },
  };
}
