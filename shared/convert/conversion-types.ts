import { type InputLocation } from '../errors/index.js';
import { type JsonObject } from './json-value.js';

export interface ConvertOptions {
  /** The Tekton entrypoint image of the prepare init container (default: the original tool's digest). */
  entrypointImage?: string;
  /** An object that is already sequential is an error by default; 'skip' returns it unchanged. */
  ifConverted?: 'error' | 'skip';
  /** Mount in each step only the run volumes it reads or writes (see compact-mode.ts). */
  compact?: boolean;
  /** Regular containers to run as native sidecars instead of steps (added to the `kueue.dev/sidecars` annotation's). */
  sidecars?: readonly string[];
  /** Per resource, only the largest step request stays (the `kueue.dev/fold-requests: "true"` annotation does the same). */
  foldRequests?: boolean;
}

export interface RevertOptions {
  /** An object that is not sequential is an error by default; 'skip' returns it unchanged. */
  ifNotConverted?: 'error' | 'skip';
}

/** Something the user should know about a successful conversion; not a reason to refuse it. */
export interface ConversionWarning {
  message: string;
  location: InputLocation;
}

/** The result of converting or reverting one object. The input is never modified. */
export interface TransformedObject {
  object: JsonObject;
  /** False when the object was returned unchanged (`ifConverted: 'skip'` / `ifNotConverted: 'skip'`). */
  changed: boolean;
  warnings: ConversionWarning[];
}

/** What the kind dispatchers did with an object of any kind. */
export type ObjectOutcome =
  | ({ status: 'transformed' } & TransformedObject)
  | { status: 'skipped'; object: JsonObject; reason: string }
  | { status: 'unsupported'; reason: string };
