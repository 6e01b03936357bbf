import { type Document, isMap, isScalar, isSeq, type Pair } from 'yaml';
import { type WorkloadKind } from '../../../shared/convert/index.js';

/** The command the quick fix puts in: a shell line the user replaces with what the image runs. */
export const COMMAND_SKELETON = '["/bin/sh", "-c", "TODO"]';

/** A container convert refuses because it has no command, with the edit that gives it a skeleton one. */
export interface MissingCommandFinding {
  container: string;
  fix: { offset: number; length: number; text: string };
}

/**
 * The containers of a workload's pod spec without a command (absent, null or empty, as the core checks), each
 * with an edit: `command:` on its own line after `image:` (or the container's first key), indented like it,
 * or the skeleton as the value of an empty `command:`. Flow-style containers get none: the layout is the user's.
 */
export function missingCommandFindings(doc: Document.Parsed, text: string, kind: WorkloadKind, prefix: readonly (string | number)[]): MissingCommandFinding[] {
  const containers = doc.getIn([...prefix, ...kind.podSpecPath, 'containers'], true);
  if (!isSeq(containers)) return [];
  return containers.items.flatMap((item, index): MissingCommandFinding[] => {
    if (!isMap(item) || item.flow === true) return [];
    const name = item.get('name');
    const container = typeof name === 'string' ? name : `#${index}`;
    const command = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'command');
    const fix = command === undefined ? insertAfter(item.items.find(isKey('image')) ?? item.items[0], text) : replaceValue(command, text);
    return fix === undefined ? [] : [{ container, fix }];
  });
}

function isKey(key: string): (pair: Pair) => boolean {
  return (pair) => isScalar(pair.key) && pair.key.value === key;
}

function insertAfter(anchor: Pair | undefined, text: string): MissingCommandFinding["fix"] | undefined {
  const keyStart = isScalar(anchor?.key) ? anchor.key.range?.[0] : undefined;
  if (anchor === undefined || keyStart === undefined) return undefined;
  const value = anchor.value;
  const valueEnd = isScalar(value) || isSeq(value) || isMap(value) ? value.range?.[1] : undefined;
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const lineEnd = text.indexOf('\n', valueEnd ?? keyStart);
  const offset = lineEnd === -1 ? text.length : lineEnd;
  return { offset, length: 0, text: `\n${' '.repeat(indent)}command: ${COMMAND_SKELETON}` };
}

/** Only an empty value: a command that is there but malformed is the core's error to explain. */
function replaceValue(command: Pair, text: string): MissingCommandFinding["fix"] | undefined {
  const value = command.value;
  const empty = value === null || (isScalar(value) && (value.value === null || value.value === '')) || (isSeq(value) && value.items.length === 0);
  if (!empty) return undefined;
  const range = isScalar(value) || isSeq(value) ? value.range : undefined;
  if (range === undefined || range === null) {
    const keyEnd = isScalar(command.key) ? command.key.range?.[1] : undefined;
    if (keyEnd === undefined) return undefined;
    const colon = text.indexOf(':', keyEnd);
    return colon === -1 ? undefined : { offset: colon + 1, length: 0, text: ` ${COMMAND_SKELETON}` };
  }
  const space = text[range[0] - 1] === ':' ? ' ' : '';
  return { offset: range[0], length: range[1] - range[0], text: `${space}${COMMAND_SKELETON}` };
}
