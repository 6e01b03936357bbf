import type * as ConvertModule from '../lazy/convert.js';

/** The lazily loaded half of the convert features (see `lazy/convert.ts`). */
export type ConvertCore = typeof ConvertModule;

let loading: Promise<ConvertCore> | undefined;

/** Loads the YAML layer once, the first time a feature needs it. */
export function loadConvertCore(): Promise<ConvertCore> {
  loading ??= import('../lazy/convert.js');
  return loading;
}
