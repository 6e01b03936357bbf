import { Code, ConnectError } from '@connectrpc/connect';
import { type ActionIdentifier, type RunIdentifier } from '@flyteorg/flyteidl2/flyteidl2/common/identifier_pb.js';

/** One `invalid_argument` answer listing every problem found, one per line. */
export function invalidArgument(messages: string[]): ConnectError {
  return new ConnectError(messages.join('\n'), Code.InvalidArgument);
}

/**
 * The message fields are optional in proto3, so a request may simply lack them; Flyte's queue dereferenced them
 * unchecked and crashed the handler. These answer `invalid_argument` naming the missing field instead.
 */
export function requireRun(run: RunIdentifier | undefined, path: 'run_id' | 'action_id.run'): RunIdentifier {
  if (run === undefined) {
    throw invalidArgument([`${path} is required: give org, project, domain and name of the run`]);
  }
  return run;
}

export function requireActionId(actionId: ActionIdentifier | undefined): ActionIdentifier & { run: RunIdentifier } {
  if (actionId === undefined) {
    throw invalidArgument(['action_id is required: give the run (org, project, domain, name) and the action name']);
  }
  return { ...actionId, run: requireRun(actionId.run, 'action_id.run') };
}
