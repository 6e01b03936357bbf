import { type Writable } from 'node:stream';
import { type ConnectionFlags } from '../../shared/kube/index.js';
import { parseOptionalWholeNumber } from './whole-number.js';

// Apart from connection-flags.ts (which declares the flags with commander) so that a command's run bundle, which
// only reads the parsed values, does not load commander a second time.

/** Request traces start at kubectl's level 6 (its round-tripper lines). */
const TRACE_LEVEL = 6;

/** The parsed values of those flags: commander's camel-cased names are the core's field names, plus `-v`. */
export type ConnectionOptionValues = Omit<ConnectionFlags, 'trace'> & { v?: string };

/** The core's connection flags; with `-v 6` or more, every API request is traced to `err`. */
export function connectionFlags(values: ConnectionOptionValues, err?: Writable): ConnectionFlags {
  const { v, ...flags } = values;
  const level = parseOptionalWholeNumber(v, '-v', { max: 10 });
  if (level === undefined || level < TRACE_LEVEL || err === undefined) return flags;
  return { ...flags, trace: (line) => err.write(`${line}\n`) };
}
