import type * as ConvertModule from './convert-module.js';

/** The lazily loaded half of the convert features (see `convert-module.ts`). */
export type ConvertCore = typeof ConvertModule;

let loading: Promise<ConvertCore> | undefined;

/** Loads the YAML layer once, the first time a feature needs it. */
export function loadConvertCore(): Promise<ConvertCore> {
  loading ??= import('./convert-module.js');
  return loading;
}
