import { type KubeObject } from '../kube/index.js';

/** The label every CRD of ours carries: a CRD of the same name without it was installed by someone else. */
export const OWNER_LABEL = 'app.kubernetes.io/name';
export const OWNER_VALUE = 'kueue';

interface Schema {
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  [key: string]: unknown;
}

interface CrdLike extends KubeObject {
  spec?: { versions?: { name: string; schema?: { openAPIV3Schema?: Schema } }[] };
}

/** Whether an installed CRD is somebody else's (Flyte's own, typically) rather than one `install` put there. */
export function isForeignCrd(existing: KubeObject): boolean {
  return existing.metadata.labels?.[OWNER_LABEL] !== OWNER_VALUE;
}

function rootSchema(crd: CrdLike): Schema | undefined {
  return crd.spec?.versions?.[0]?.schema?.openAPIV3Schema;
}

function fieldsOf(schema: Schema | undefined, prefix: string): Map<string, Schema> {
  const fields = new Map<string, Schema>();
  for (const [name, member] of Object.entries(schema?.properties ?? {})) {
    const path = `${prefix}.${name}`;
    fields.set(path, member);
    if (member.properties !== undefined) for (const [inner, innerSchema] of fieldsOf(member, path)) fields.set(inner, innerSchema);
  }
  return fields;
}

function schemaFields(crd: CrdLike): Map<string, Schema> {
  const root = rootSchema(crd);
  return new Map([...fieldsOf(root?.properties?.['spec'], 'spec'), ...fieldsOf(root?.properties?.['status'], 'status')]);
}

function listed(paths: string[]): string {
  return paths.join(', ');
}

/**
 * What replacing `existing` with `wanted` changes, one line each, in words a user can act on: the fields the API
 * server starts keeping (it prunes what a schema does not list), the ones it stops keeping, and the required spec
 * fields that change. Empty when the schemas list the same fields.
 */
export function crdReplacementChanges(existing: KubeObject, wanted: KubeObject): string[] {
  const before = schemaFields(existing);
  const after = schemaFields(wanted);
  const added = [...after.keys()].filter((path) => !before.has(path)).sort();
  const removed = [...before.keys()].filter((path) => !after.has(path)).sort();
  const requiredBefore = new Set(rootSchema(existing)?.properties?.['spec']?.required ?? []);
  const requiredAfter = new Set(rootSchema(wanted)?.properties?.['spec']?.required ?? []);
  const noLongerRequired = [...requiredBefore].filter((f) => !requiredAfter.has(f)).sort().map((f) => `spec.${f}`);
  const nowRequired = [...requiredAfter].filter((f) => !requiredBefore.has(f)).sort().map((f) => `spec.${f}`);
  const changes: string[] = [];
  if (added.length > 0) changes.push(`keeps fields it now prunes: ${listed(added)}`);
  if (removed.length > 0) changes.push(`prunes fields it now keeps: ${listed(removed)}`);
  if (noLongerRequired.length > 0) changes.push(`no longer requires: ${listed(noLongerRequired)}`);
  if (nowRequired.length > 0) changes.push(`now requires: ${listed(nowRequired)}`);
  changes.push(`takes over the labels and printer columns of kueue's CRD (${OWNER_LABEL}=${OWNER_VALUE}, short name ta, category flyte)`);
  return changes;
}
