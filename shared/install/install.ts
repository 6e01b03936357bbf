import { isKubeApiError, UserError } from '../errors/index.js';
import { type ApplyOutcome, applyWithOutcome, type KubeClient, type KubeObject, NAMESPACES, type ResourceType, resourceTypeOf, waitForCrdEstablished } from '../kube/index.js';
import { crdReplacementChanges, isForeignCrd, OWNER_LABEL, OWNER_VALUE } from './foreign-crd.js';

export interface InstalledObject {
  type: ResourceType;
  /** As the server answered it: stored, or for a dry run, as it would be stored. */
  object: KubeObject;
  /** `replaced`: a CRD of the same name that was not ours (Flyte's own) was replaced, with `force`. */
  outcome: ApplyOutcome | 'replaced';
}

export interface InstallOptions {
  /** Server-side dry run: every object is validated and admitted by the API server, nothing is stored. */
  dryRun?: boolean;
  /** How long to wait for each CRD to be established (default one minute). */
  timeoutMs?: number;
  /** Called after each object, so a failure later on still leaves a record of what was applied. */
  onApplied?: (installed: InstalledObject) => void;
  /** Replace a CRD of the same name that is not ours (e.g. Flyte's own); without, `install` refuses to. */
  force?: boolean;
  /** Told what replacing a foreign CRD changes, before it is replaced (with `force`). */
  onReplacing?: (name: string, changes: string[]) => void;
}

/**
 * Applies the objects in order with server-side apply (field manager `kubectl-kueue`), then waits until every
 * CRD among them is established, so that the first `enqueue` after `install` cannot hit a 404. Idempotent:
 * objects already as given come back `unchanged`. A CRD of the same name that another installer put there (Flyte's
 * own TaskAction CRD) is not merged into: `install` says what replacing it would change and refuses, or with
 * `force` replaces it whole (a merge would keep the other schema's rules).
 */
export async function install(client: KubeClient, objects: readonly KubeObject[], options: InstallOptions = {}): Promise<InstalledObject[]> {
  await requireNamespaces(client, objects);
  const installed: InstalledObject[] = [];
  for (const object of objects) {
    const type = resourceTypeOf(object);
    const replaced = type.kind === 'CustomResourceDefinition' ? await replaceForeign(client, type, object, options) : undefined;
    const { object: applied, outcome } = replaced ?? (await applyWithOutcome(client, type, object, { dryRun: options.dryRun }));
    const result = { type, object: applied, outcome };
    installed.push(result);
    options.onApplied?.(result);
  }
  if (!options.dryRun) {
    for (const { type, object } of installed) {
      if (type.kind === 'CustomResourceDefinition') await waitForCrdEstablished(client, object.metadata.name ?? '', options.timeoutMs);
    }
  }
  return installed;
}

/** Namespaced objects go to namespaces that exist: checked before anything is applied, so nothing is half done. */
async function requireNamespaces(client: KubeClient, objects: readonly KubeObject[]): Promise<void> {
  const namespaces = new Set(objects.filter((o) => resourceTypeOf(o).namespaced).map((o) => o.metadata.namespace ?? ''));
  for (const namespace of namespaces) {
    if ((await existing(client, NAMESPACES, namespace)) === undefined) {
      throw new UserError(`namespace ${namespace} does not exist`, {}, `create it first (kubectl create namespace ${namespace}), or choose another with -n`);
    }
  }
}

async function existing(client: KubeClient, type: ResourceType, name: string): Promise<KubeObject | undefined> {
  try {
    return await client.get<KubeObject>(type, undefined, name);
  } catch (err) {
    if (isKubeApiError(err) && err.code === 404) return undefined;
    throw err;
  }
}

/** Replaces a foreign CRD of the same name with `force`; refuses without; undefined when the CRD is ours or absent. */
async function replaceForeign(
  client: KubeClient,
  type: ResourceType,
  wanted: KubeObject,
  options: InstallOptions,
): Promise<{ object: KubeObject; outcome: 'replaced' } | undefined> {
  const name = wanted.metadata.name ?? '';
  const current = await existing(client, type, name);
  if (current === undefined || !isForeignCrd(current)) return undefined;
  const changes = crdReplacementChanges(current, wanted);
  if (!options.force) {
    throw new UserError(
      `CustomResourceDefinition ${name} is installed but is not kueue's (no label ${OWNER_LABEL}=${OWNER_VALUE}; Flyte's own?). Replacing it: ${changes.join('; ')}`,
      { object: `CustomResourceDefinition/${name}`, field: `metadata.labels.${OWNER_LABEL}` },
      'kubectl kueue works with Flyte\'s CRD as it is; to replace it with kueue\'s anyway (stored TaskActions stay), run install --force',
    );
  }
  options.onReplacing?.(name, changes);
  const object = await client.replace<KubeObject>(type, undefined, { ...wanted, metadata: { ...wanted.metadata, resourceVersion: current.metadata.resourceVersion } }, { dryRun: options.dryRun });
  return { object, outcome: 'replaced' };
}
