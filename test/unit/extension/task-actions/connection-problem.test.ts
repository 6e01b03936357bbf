import { describe, expect, it } from 'vitest';
import { connectionProblem } from '../../../../extension/src/cluster/connection-problem.js';
import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../../shared/errors/connection-error.js';
import { UserError } from '../../../../shared/errors/user-error.js';

describe('connectionProblem', () => {
  it('tells a missing kubeconfig, an unreachable server, a missing CRD and a refusal apart', () => {
    expect(connectionProblem(new UserError('no kubeconfig found'))).toEqual({ kind: 'no-kubeconfig', message: 'no kubeconfig found' });
    // A file the settings or KUBECONFIG name and that is not there is named as missing.
    expect(connectionProblem(new UserError('kubeconfig file "/home/me/.kube/dev" does not exist', { file: '/home/me/.kube/dev' }))).toEqual({
      kind: 'kubeconfig-missing',
      message: 'kubeconfig file "/home/me/.kube/dev" does not exist',
    });
    expect(connectionProblem(new UserError('KUBECONFIG names "/a", "/b", which do not exist')).kind).toBe('kubeconfig-missing');
    expect(connectionProblem(new KubeConnectionError('https://10.0.0.1:6443', 'connect ETIMEDOUT'))).toEqual({
      kind: 'unreachable',
      message: 'Unable to connect to the server https://10.0.0.1:6443: connect ETIMEDOUT',
    });
    expect(connectionProblem(new KubeApiError(404, 'NotFound', 'the server could not find the requested resource')).kind).toBe('no-crd');
    expect(connectionProblem(new KubeApiError(403, 'Forbidden', 'taskactions.flyte.org is forbidden: User "bob" cannot list'))).toEqual({
      kind: 'forbidden',
      message: 'Forbidden: taskactions.flyte.org is forbidden: User "bob" cannot list',
    });
    expect(connectionProblem(new KubeApiError(401, 'Unauthorized', 'Unauthorized')).kind).toBe('forbidden');
    expect(connectionProblem(new KubeApiError(500, 'InternalError', 'etcd is down'))).toEqual({ kind: 'error', message: 'InternalError: etcd is down' });
    expect(connectionProblem(new Error('socket hang up'))).toEqual({ kind: 'error', message: 'socket hang up' });
  });
});
