import { type ApplyOutcome, applyWithOutcome, type KubeClient, type KubeObject, type ResourceType, resourceTypeOf, waitForCrdEstablished } from '../kube/index.js';

export interface InstalledObject {
  type: ResourceType;
  /** As the server answered it: stored, or for a dry run, as it would be stored. */
  object: KubeObject;
  outcome: ApplyOutcome;
}

export interface InstallOptions {
  /** Server-side dry run: every object is validated and admitted by the API server, nothing is stored. */
  dryRun?: boolean;
  /** How long to wait for each CRD to be established (default one minute). */
  timeoutMs?: number;
  /** Called after each object, so a failure later on still leaves a record of what was applied. */
  onApplied?: (installed: InstalledObject) => void;
}

/**
 * Applies the objects in order with server-side apply (field manager `kubectl-kueue`), then waits until every
 * CRD among them is established, so that the first `enqueue` after `install` cannot hit a 404. Idempotent:
 * objects already as given come back `unchanged`.
 */
export async function install(client: KubeClient, objects: readonly KubeObject[], options: InstallOptions = {}): Promise<InstalledObject[]> {
  const installed: InstalledObject[] = [];
  for (const object of objects) {
    const type = resourceTypeOf(object);
    const { object: applied, outcome } = await applyWithOutcome(client, type, object, { dryRun: options.dryRun });
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
