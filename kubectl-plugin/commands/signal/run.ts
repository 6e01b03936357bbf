import { findConditionAction, parseConditionValue, signalAction } from '../../../shared/actions/index.js';
import { errorMessage, formatApiError, isKubeApiError, UserError } from '../../../shared/errors/index.js';
import { HttpKubeClient, loadConnection } from '../../../shared/kube/index.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { connectionFlags } from '../../flags/connection-flag-values.js';
import { type SignalFlags } from './command.js';

/** Who signals when `--signalled-by` is not given: the impersonated user, else the kubeconfig's user. */
const FALLBACK_SIGNALLER = 'kubectl-kueue';

/**
 * `signal RUN ACTION VALUE`: the value is read as the condition's type (known only once the action is found),
 * then stored through the same core as ActionsService.Signal, so the CLI refuses exactly what the service refuses.
 */
export async function runSignal(io: IOStreams, target: { run: string; action: string; value: string }, flags: SignalFlags): Promise<void> {
  const connection = loadConnection(connectionFlags(flags, io.err));
  const client = new HttpKubeClient(connection);
  const namespace = connection.namespace;
  try {
    const { action, valueType } = await findConditionAction(client, namespace, target.run, target.action);
    const object = `TaskAction ${namespace}/${action.metadata.name ?? ''}`;
    let value;
    try {
      value = parseConditionValue(target.value, valueType);
    } catch (err) {
      // The message already says what the condition's type accepts.
      throw new UserError(errorMessage(err), { object, field: 'VALUE' });
    }
    const signalledBy = flags.signalledBy ?? connection.impersonate?.user ?? connection.kubeConfig.getCurrentUser()?.name ?? FALLBACK_SIGNALLER;
    let outcome;
    try {
      outcome = await signalAction(client, namespace, { runName: target.run, actionName: target.action, value, signalledBy });
    } catch (err) {
      if (!(isKubeApiError(err) && err.code === 403)) throw err;
      // kueue-user (what most people have) cannot write status: say which role can.
      throw new UserError(
        formatApiError(err, { roleHint: false }),
        { object, field: 'status.signalValue' },
        `signalling writes the action's status, which kueue-user does not grant; ask for the kueue-signaller ClusterRole in this namespace: kubectl create rolebinding kueue-signaller --clusterrole=kueue-signaller --user=<you> -n ${namespace}`,
      );
    }
    io.out.write(`taskaction.flyte.org/${action.metadata.name ?? ''} ${outcome === 'signalled' ? 'signalled' : 'unchanged (already signalled with this value)'}\n`);
  } finally {
    client.close();
  }
}
