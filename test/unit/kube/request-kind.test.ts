import { describe, expect, it } from 'vitest';
import { requestKind } from '../../../shared/kube/index.js';

describe('requestKind', () => {
  it.each([
    ['GET', '/apis/flyte.org/v1/namespaces/ns/taskactions?limit=500', 'list', 'taskactions'],
    ['GET', '/apis/flyte.org/v1/namespaces/ns/taskactions?watch=true&resourceVersion=5', 'watch', 'taskactions'],
    ['GET', '/apis/flyte.org/v1/taskactions?watch=1', 'watch', 'taskactions'],
    ['GET', '/apis/flyte.org/v1/namespaces/ns/taskactions/r1-a0', 'get', 'taskactions'],
    ['PATCH', '/apis/flyte.org/v1/namespaces/ns/taskactions/r1-a0/status', 'patch', 'taskactions/status'],
    ['POST', '/api/v1/namespaces/ns/pods', 'create', 'pods'],
    ['GET', '/api/v1/namespaces/ns/pods/p/log?follow=true', 'get', 'pods/log'],
    ['DELETE', '/api/v1/namespaces/ns/pods/p', 'delete', 'pods'],
    ['DELETE', '/api/v1/namespaces/ns/pods?labelSelector=a', 'deletecollection', 'pods'],
    ['PUT', '/apis/coordination.k8s.io/v1/namespaces/ns/leases/kueue-executor', 'update', 'leases'],
    ['GET', '/api/v1/namespaces', 'list', 'namespaces'],
    ['GET', '/api/v1/namespaces/ns', 'get', 'namespaces'],
    ['POST', '/api/v1/namespaces/ns/events', 'create', 'events'],
  ])('%s %s is %s %s', (method, path, verb, resource) => {
    expect(requestKind(method, path)).toEqual({ verb, resource });
  });

  it('names no resource for discovery and version paths', () => {
    expect(requestKind('GET', '/version')).toEqual({ verb: 'other', resource: '' });
    expect(requestKind('GET', '/apis')).toEqual({ verb: 'other', resource: '' });
    expect(requestKind('GET', '/apis/flyte.org/v1')).toEqual({ verb: 'other', resource: '' });
  });
});
