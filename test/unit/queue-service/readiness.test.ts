import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../shared/errors/connection-error.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { checkReadiness } from '../../../shared/queue/service/readiness.js';
import { EMPTY_LIST, ScriptedKubeClient } from './scripted-kube-client.js';

function crd(established?: { status: string; message?: string }): KubeObject {
  return {
    metadata: { name: 'taskactions.flyte.org' },
    ...(established ? { status: { conditions: [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', ...established }] } } : {}),
  };
}

describe('checkReadiness', () => {
  it('is ready when the TaskAction CRD is established', async () => {
    const client = new ScriptedKubeClient({ get: () => Promise.resolve(crd({ status: 'True' })) });
    expect(await checkReadiness(client, 'flyte')).toEqual({ ready: true, reason: 'OK' });
    expect(client.calls).toEqual(['get customresourcedefinitions']);
  });

  it('is not ready while the CRD is not established, saying so', async () => {
    const client = new ScriptedKubeClient({ get: () => Promise.resolve(crd({ status: 'False', message: 'not all names are accepted' })) });
    expect(await checkReadiness(client, 'flyte')).toEqual({
      ready: false,
      reason: 'CRD taskactions.flyte.org is not established (Established=False: not all names are accepted)',
    });
    const fresh = new ScriptedKubeClient({ get: () => Promise.resolve(crd()) });
    expect((await checkReadiness(fresh, 'flyte')).reason).toContain('no Established condition yet');
  });

  it('is not ready when the CRD is not installed, and says how to install it', async () => {
    const client = new ScriptedKubeClient({ get: () => Promise.reject(new KubeApiError(404, 'NotFound', 'not found')) });
    const state = await checkReadiness(client, 'flyte');
    expect(state.ready).toBe(false);
    expect(state.reason).toBe('CRD taskactions.flyte.org is not installed; install it with `kubectl kueue install`');
  });

  it('without permission to read CRDs, lists TaskActions in its namespace instead', async () => {
    const forbidden = () => Promise.reject(new KubeApiError(403, 'Forbidden', 'cannot get customresourcedefinitions'));
    const served = new ScriptedKubeClient({ get: forbidden, list: () => Promise.resolve(EMPTY_LIST) });
    expect(await checkReadiness(served, 'flyte')).toEqual({ ready: true, reason: 'OK' });
    expect(served.calls).toEqual(['get customresourcedefinitions', 'list taskactions']);

    const notServed = new ScriptedKubeClient({ get: forbidden, list: () => Promise.reject(new KubeApiError(404, 'NotFound', 'the server could not find the requested resource')) });
    expect((await checkReadiness(notServed, 'flyte')).reason).toBe('the API server does not serve taskactions.flyte.org; install it with `kubectl kueue install`');

    const noAccess = new ScriptedKubeClient({ get: forbidden, list: () => Promise.reject(new KubeApiError(403, 'Forbidden', 'cannot list taskactions in flyte')) });
    expect(await checkReadiness(noAccess, 'flyte')).toEqual({ ready: false, reason: 'Error from server (Forbidden): cannot list taskactions in flyte' });
  });

  it('is not ready when the API server cannot be reached', async () => {
    const client = new ScriptedKubeClient({ get: () => Promise.reject(new KubeConnectionError('https://127.0.0.1:1', 'connect ECONNREFUSED 127.0.0.1:1')) });
    expect(await checkReadiness(client, 'flyte')).toEqual({
      ready: false,
      reason: 'Unable to connect to the server https://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('gives up on an API server that does not answer', async () => {
    const client = new ScriptedKubeClient({ get: () => new Promise<KubeObject>(() => {}) });
    const started = Date.now();
    expect(await checkReadiness(client, 'flyte', 100)).toEqual({ ready: false, reason: 'the API server did not answer within 100 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
