import { describe, expect, it } from 'vitest';
import { resourceTypeOf } from '../../../shared/kube/resource-type-of.js';
import { CLUSTER_ROLES, CUSTOM_RESOURCE_DEFINITIONS, DEPLOYMENTS, EVENTS, EVENTS_V1, type ResourceType } from '../../../shared/kube/resource-type.js';

const object = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x' } });

describe('resourceTypeOf', () => {
  it.each([
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', CUSTOM_RESOURCE_DEFINITIONS],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', CLUSTER_ROLES],
    ['apps/v1', 'Deployment', DEPLOYMENTS],
    ['v1', 'Event', EVENTS],
    ['events.k8s.io/v1', 'Event', EVENTS_V1],
  ])('%s %s', (apiVersion, kind, expected) => {
    expect(resourceTypeOf(object(apiVersion, kind))).toBe(expected);
  });

  it('finds custom resources among the extra types', () => {
    const taskActions: ResourceType = { group: 'flyte.org', version: 'v1', kind: 'TaskAction', plural: 'taskactions', namespaced: true };
    expect(resourceTypeOf(object('flyte.org/v1', 'TaskAction'), [taskActions])).toBe(taskActions);
  });

  it('refuses a kind it cannot map to a REST path, naming it', () => {
    expect(() => resourceTypeOf(object('apps/v1beta1', 'Deployment'))).toThrow('no resource type known for apiVersion "apps/v1beta1", kind "Deployment" (object x)');
    expect(() => resourceTypeOf(object('flyte.org/v1', 'TaskAction'))).toThrow(/kind "TaskAction"/);
  });
});
