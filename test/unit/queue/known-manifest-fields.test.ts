import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../shared/queue/closest-name.js';
import { TASK_ACTION_SPEC_FIELDS } from '../../../shared/queue/known-manifest-fields.js';
import { type KubeObject } from '../../../shared/kube/kube-object.js';
import { manifestObject } from '../../helpers/manifest-files.js';

interface Crd extends KubeObject {
  spec: { versions: { schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } } }[] };
}

describe('known manifest fields', () => {
  it('lists exactly the spec fields of our TaskAction CRD', () => {
    const crd = manifestObject<Crd>('taskactions.flyte.org.yaml', 'CustomResourceDefinition');
    const fields = Object.keys(crd.spec.versions[0]?.schema.openAPIV3Schema.properties.spec.properties ?? {});
    expect([...TASK_ACTION_SPEC_FIELDS].sort()).toEqual(fields.sort());
  });

  it('suggests a name only when it is near enough to be a typo', () => {
    expect(editDistance('comand', 'command')).toBe(1);
    expect(editDistance('Image', 'image')).toBe(0);
    expect(closestName('comand', ['command', 'args'])).toBe('command');
    expect(closestName('retires', ['retries', 'runName'])).toBe('retries');
    expect(closestName('xyz', ['image', 'args'])).toBeUndefined();
  });
});
