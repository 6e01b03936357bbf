import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors/user-error.js';
import { checkExecutorPlacement, executorObjects } from '../../../shared/install/executor-objects.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { manifestObjects, manifestTexts } from '../../helpers/manifest-files.js';

const MANIFEST = manifestTexts().find((m) => m.source === 'crds/in-cluster-executor.yaml');
const FLAGS = { namespace: '-n', image: '--image' };

interface Deployment extends KubeObject {
  spec: { template: { spec: { containers: { name: string; image: string; args: string[] }[] } } };
}

function thrown(action: () => void): Error | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('executorObjects', () => {
  it('moves every object, the binding\'s subject and the executor\'s -n to the namespace, and sets the image', () => {
    if (!MANIFEST) throw new Error('crds/in-cluster-executor.yaml is missing');
    const objects = executorObjects(MANIFEST, { namespace: 'team-a', image: 'registry.example/kubectl-kueue:9' });
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}`)).toEqual(['ServiceAccount/team-a', 'RoleBinding/team-a', 'Deployment/team-a']);
    expect((objects[1] as KubeObject & { subjects: { namespace: string }[] }).subjects.map((s) => s.namespace)).toEqual(['team-a']);
    const container = (objects[2] as Deployment).spec.template.spec.containers[0];
    expect(container?.image).toBe('registry.example/kubectl-kueue:9');
    expect(container?.args.slice(0, 3)).toEqual(['executor', '-n', 'team-a']);
    // Nothing else changes: the same objects as the manifest once namespace and image are put back.
    const restored = JSON.parse(JSON.stringify(objects).replaceAll('team-a', 'flyte').replace('registry.example/kubectl-kueue:9', 'ghcr.io/kueue/kubectl-kueue:0.1.0')) as unknown;
    expect(restored).toEqual(manifestObjects('in-cluster-executor.yaml'));
  });

  it('leaves the manifest\'s objects alone (each call gets copies)', () => {
    if (!MANIFEST) throw new Error('crds/in-cluster-executor.yaml is missing');
    const first = executorObjects(MANIFEST, { namespace: 'a', image: 'x:1' });
    const second = executorObjects(MANIFEST, { namespace: 'b', image: 'y:2' });
    expect(first[0]?.metadata.namespace).toBe('a');
    expect(second[0]?.metadata.namespace).toBe('b');
  });

  it('says which manifest lacks the executor container\'s -n (a packaging mistake)', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kueue-executor}\nspec: {template: {spec: {containers: [{name: executor, args: [executor]}]}}}\n';
    expect(() => executorObjects({ source: 'crds/x.yaml', text }, { namespace: 'a', image: 'x:1' })).toThrow(
      'crds/x.yaml: Deployment/kueue-executor has no container executor with -n NAMESPACE in its args',
    );
  });
});

describe('checkExecutorPlacement', () => {
  it.each(['flyte', 'team-a', 'a'.repeat(63)])('accepts the namespace %s', (namespace) => {
    expect(() => checkExecutorPlacement({ namespace, image: 'x:1' }, FLAGS)).not.toThrow();
  });

  it.each(['Flyte', 'team_a', '-a', 'a-', '', 'a'.repeat(64)])('refuses the namespace "%s", naming the flag', (namespace) => {
    const error = thrown(() => checkExecutorPlacement({ namespace, image: 'x:1' }, FLAGS));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toBe(`-n ${namespace}: not a namespace name`);
  });

  it.each([
    'ghcr.io/kueue/kubectl-kueue:0.1.0',
    'registry.local:5000/team/kubectl-kueue',
    'kubectl-kueue',
    'localhost/kubectl-kueue:dev_1.2',
    `registry.example/kubectl-kueue@sha256:${'a'.repeat(64)}`,
    `registry.example/kubectl-kueue:1@sha256:${'b'.repeat(64)}`,
  ])('accepts the image %s', (image) => {
    expect(() => checkExecutorPlacement({ namespace: 'flyte', image }, FLAGS)).not.toThrow();
  });

  it.each(['', 'Registry.example/UPPER', 'registry.example/kubectl kueue:1', 'kubectl-kueue:', 'kubectl-kueue:-x', 'a//b', `x:${'t'.repeat(129)}`, 'x@sha256:abc'])(
    'refuses the image "%s", naming the flag',
    (image) => {
      const error = thrown(() => checkExecutorPlacement({ namespace: 'flyte', image }, FLAGS));
      expect(error).toBeInstanceOf(UserError);
      expect(error?.message).toBe(`--image ${image}: not an image reference`);
    },
  );
});
