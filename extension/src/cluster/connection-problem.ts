import { errorMessage, isKubeApiError } from '../../../shared/errors/index.js';

/** Why the TaskActions cannot be shown, as the view's welcome content tells them apart. */
export type ProblemKind = 'no-kubeconfig' | 'kubeconfig-missing' | 'unreachable' | 'no-crd' | 'forbidden' | 'error';

export interface ConnectionProblem {
  kind: ProblemKind;
  /** One line for people: what failed and where. */
  message: string;
}

/** Sorts a failure to load the kubeconfig, list or watch into what the user can do about it. */
export function connectionProblem(err: unknown, where: { server?: string } = {}): ConnectionProblem {
  if (err instanceof Error && err.name === 'UserError') {
    // A kubeconfig named by the setting or KUBECONFIG that is not there: a typo or a moved file, not "no cluster".
    const missing = /^kubeconfig file ".*" does not exist$|^KUBECONFIG names .* not exist$/.test(err.message);
    return { kind: missing ? 'kubeconfig-missing' : 'no-kubeconfig', message: err.message };
  }
  if (err instanceof Error && err.name === 'KubeConnectionError') return { kind: 'unreachable', message: err.message };
  if (isKubeApiError(err)) {
    if (err.code === 404) {
      const server = where.server !== undefined ? `the server ${where.server}` : 'the server';
      return { kind: 'no-crd', message: `${server} has no TaskAction resource (taskactions.flyte.org): the CRD is not installed` };
    }
    if (err.code === 401 || err.code === 403) {
      return { kind: 'forbidden', message: `${err.reason}: ${err.message}` };
    }
    return { kind: 'error', message: `${err.reason}: ${err.message}` };
  }
  return { kind: 'error', message: errorMessage(err) };
}
