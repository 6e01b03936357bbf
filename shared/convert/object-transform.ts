import { type ConvertOptions, type ObjectOutcome, type RevertOptions } from './conversion-types.js';
import { convertObject } from './convert-object.js';
import { revertObject } from './revert-object.js';

export type TransformMode = 'convert' | 'revert';

export type TransformOptions = ConvertOptions & RevertOptions;

/** One entry point for both directions, so the document layer and the adapters handle them alike. */
export function transformObject(mode: TransformMode, object: unknown, options: TransformOptions = {}): ObjectOutcome {
  return mode === 'convert' ? convertObject(object, options) : revertObject(object, options);
}
