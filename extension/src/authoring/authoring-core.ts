import type * as AuthoringModule from './authoring-module.js';

/** The lazily loaded half of the authoring features (see `authoring-module.ts`). */
export type AuthoringCore = typeof AuthoringModule;

let loading: Promise<AuthoringCore> | undefined;

/** Loads the YAML layer and the checks once, the first time a YAML request needs them. */
export function loadAuthoringCore(): Promise<AuthoringCore> {
  loading ??= import('./authoring-module.js');
  return loading;
}
