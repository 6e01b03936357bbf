import { describe, expect, it } from 'vitest';
import { firstUserError } from '../../helpers/catch-user-errors.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { podSpecWithCompleteResources } from '../../../shared/task-action/pod-resources.js';
import { quantityValue } from '../../../shared/task-action/quantity.js';
import { containerTaskResources, DEFAULT_CONTAINER_REQUESTS } from '../../../shared/task-action/resource-defaults.js';
import { viewTaskTemplate } from '../../../shared/task-action/task-template-view.js';

describe('quantities', () => {
  it.each<[string | number, number]>([
    ['100m', 0.1],
    ['2', 2],
    ['.5', 0.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1.5G', 1.5e9],
    ['2k', 2000],
    ['1e3', 1000],
    ['+3', 3],
    [4, 4],
  ])('%s is %d', (quantity, value) => {
    expect(quantityValue(quantity)).toBeCloseTo(value, 9);
  });

  it.each<string | number>(['', '1 Gi', '-1', 'lots', '1KB', '1mi', -2, Number.NaN])('%j is not a quantity', (quantity) => {
    expect(quantityValue(quantity)).toBeUndefined();
  });
});

describe('container task resources', () => {
  it('default to small requests, with limits equal to them, as Flyte\'s executor defaults limits', () => {
    expect(DEFAULT_CONTAINER_REQUESTS).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(containerTaskResources(undefined)).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
    const view = viewTaskTemplate(containerTaskTemplate({ image: 'busybox' }));
    expect(view.target).toMatchObject({ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } } });
  });

  it('take a missing request from the limit and a missing limit from the request; defaults only fill what neither gives', () => {
    expect(containerTaskResources({ requests: { cpu: '500m' }, limits: { memory: '1Gi' } })).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '500m', memory: '1Gi' },
    });
    expect(containerTaskResources({ requests: { memory: '256Mi' }, limits: { memory: '512Mi', gpu: '1' } })).toEqual({
      requests: { memory: '256Mi', cpu: '100m', 'nvidia.com/gpu': '1' },
      limits: { memory: '512Mi', 'nvidia.com/gpu': '1', cpu: '100m' },
    });
  });

  it('refuse a request above its limit, naming the limit', () => {
    const error = firstUserError(() => containerTaskResources({ requests: { cpu: '2' }, limits: { cpu: '1500m' } }));
    expect(error.message).toBe('the cpu request 2 is more than its limit 1500m');
    expect(error.location.field).toBe('resources.limits.cpu');
    expect(firstUserError(() => containerTaskTemplate({ image: 'a', resources: { requests: { memory: '1Gi' }, limits: { memory: '1G' } } })).location.field).toBe(
      'resources.limits.memory',
    );
    expect(() => containerTaskResources({ requests: { memory: '1G' }, limits: { memory: '1Gi' } })).not.toThrow();
  });
});

describe('pod task resources', () => {
  it('give every container and init container that has a request a limit, and every limit a request', () => {
    const spec = podSpecWithCompleteResources({
      initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '500m' } } }],
      containers: [
        { name: 'main', image: 'i', resources: { requests: { cpu: 1, memory: '64Mi' }, limits: { memory: '128Mi' }, claims: [{ name: 'gpu' }] } },
        { name: 'side', image: 'i', resources: { limits: { 'example.com/dongle': '1' } } },
        { name: 'bare', image: 'i' },
      ],
    });
    expect(spec).toEqual({
      initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '500m' }, limits: { cpu: '500m' } } }],
      containers: [
        { name: 'main', image: 'i', resources: { requests: { cpu: 1, memory: '64Mi' }, limits: { memory: '128Mi', cpu: 1 }, claims: [{ name: 'gpu' }] } },
        { name: 'side', image: 'i', resources: { requests: { 'example.com/dongle': '1' }, limits: { 'example.com/dongle': '1' } } },
        // Nothing set: Flyte's executor gives the primary container its own defaults.
        { name: 'bare', image: 'i' },
      ],
    });
  });

  it.each<[object, string, string]>([
    [{ containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] }, 'podSpec.containers[0].resources.requests.cpu', '"lots" is not a valid quantity for cpu'],
    [{ containers: [{ name: 'c', resources: { limits: { memory: -1 } } }] }, 'podSpec.containers[0].resources.limits.memory', '-1 is not a valid quantity for memory'],
    [{ initContainers: [{ name: 'c', resources: { requests: ['1'] } }], containers: [] }, 'podSpec.initContainers[0].resources.requests', 'the resource list is not a mapping'],
    [{ containers: [{ name: 'c', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }, 'podSpec.containers[0].resources.limits.cpu', 'the cpu request 2 is more than its limit 1'],
  ])('rejects %j at %s', (podSpec, field, message) => {
    const error = firstUserError(() => podSpecWithCompleteResources(podSpec as never));
    expect(error.location.field).toBe(field);
    expect(error.message).toBe(message);
  });
});
