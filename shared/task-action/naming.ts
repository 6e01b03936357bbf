export interface ActionIdentity {
  org: string;
  project: string;
  domain: string;
  runName: string;
  actionName: string;
}

/**
 * The CR name Flyte's queue gives an action: `<org>-<project>-<domain>-<run>-<action>`, joined as is (no
 * lower-casing or hashing), so a name is valid only if its parts are; validation checks the parts first so the
 * error can name the field to fix. With the field limits (63, 63, 63, 30, 30) the name never exceeds 253.
 */
export function taskActionName(id: ActionIdentity): string {
  return [id.org, id.project, id.domain, id.runName, id.actionName].join('-');
}
