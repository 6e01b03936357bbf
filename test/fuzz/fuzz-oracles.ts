import { parseAllDocuments } from 'yaml';
import { checkManifestOutput, fingerprintOf, TO_JS_OPTIONS, transformManifest, userErrorsOf, yamlDocuments } from '../../shared/convert/index.js';
import { parseDocuments } from '../../kubectl-plugin/commands/enqueue/parse-documents.js';

export type FindingKind = 'crash' | 'slow' | 'invalid-output' | 'round-trip';

export interface Finding {
  kind: FindingKind;
  target: 'convert' | 'enqueue' | 'serve';
  detail: string;
  input: string;
}

/** Over this long for an input under 1 MB is a finding. */
export const SLOW_MS = 10_000;

/** Refused inputs are fine; anything thrown that is not a user error is a crash. */
function attempt<T>(action: () => T): { value: T } | { refused: true } | { crash: string } {
  try {
    return { value: action() };
  } catch (err) {
    if (userErrorsOf(err) !== undefined) return { refused: true };
    return { crash: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

function transformed(text: string, mode: 'convert' | 'revert'): { value: string } | { refused: true } | { crash: string } {
  return attempt(() => {
    const result = transformManifest(text, mode, { file: 'fuzz.yaml' });
    const output = result.chunks.join('');
    checkManifestOutput(output, result.format, result.fingerprints, 'fuzz.yaml');
    return output;
  });
}

/** Whether an outside reader accepts the output: JSON.parse, or a YAML 1.1 parser without errors. */
function readable(output: string): string | undefined {
  if (/^\s*[[{]/.test(output)) {
    try {
      JSON.parse(output);
      return undefined;
    } catch (err) {
      return `invalid JSON: ${(err as Error).message}`;
    }
  }
  const docs = parseAllDocuments(output, { version: '1.1', uniqueKeys: true });
  for (const doc of Array.isArray(docs) ? docs : []) if (doc.errors[0] !== undefined) return `invalid YAML: ${doc.errors[0].message}`;
  return undefined;
}

function valueFingerprints(text: string): string[] {
  const prints: string[] = [];
  for (const { doc } of yamlDocuments(text)) {
    const value: unknown = doc.toJS(TO_JS_OPTIONS);
    if (value !== null && value !== undefined) prints.push(fingerprintOf(value));
  }
  return prints;
}

/** convert, the output read back by an outside reader, then revert: what must hold for any input. */
export function fuzzConvert(text: string, stats?: { accepted: number }): Finding | undefined {
  const started = Date.now();
  const finding = (kind: FindingKind, detail: string): Finding => ({ kind, target: 'convert', detail, input: text });
  const converted = transformed(text, 'convert');
  if ('crash' in converted) return finding('crash', converted.crash);
  let result: Finding | undefined;
  if ('value' in converted) {
    if (stats !== undefined) stats.accepted++;
    const invalid = readable(converted.value);
    if (invalid !== undefined) return finding('invalid-output', invalid);
    const reverted = transformed(converted.value, 'revert');
    if ('crash' in reverted) return finding('crash', `revert: ${reverted.crash}`);
    if ('refused' in reverted) return finding('round-trip', 'revert refused what convert printed');
    const invalidRevert = readable(reverted.value);
    if (invalidRevert !== undefined) return finding('invalid-output', `revert: ${invalidRevert}`);
    const before = attempt(() => valueFingerprints(text));
    const after = attempt(() => valueFingerprints(reverted.value));
    if ('value' in before && 'value' in after && before.value.join() !== after.value.join()) result = finding('round-trip', 'revert(convert(x)) reads differently from x');
  }
  if (result === undefined && Date.now() - started > SLOW_MS && text.length < 1024 * 1024) result = finding('slow', `${Date.now() - started} ms`);
  return result;
}

/** enqueue's input parsing: a user error or plain (finite, acyclic) values. */
export function fuzzEnqueueInput(text: string): Finding | undefined {
  const finding = (kind: FindingKind, detail: string): Finding => ({ kind, target: 'enqueue', detail, input: text });
  const parsed = attempt(() => parseDocuments([{ path: 'fuzz.yaml', bytes: Buffer.from(text) }]));
  if ('crash' in parsed) return finding('crash', parsed.crash);
  if ('value' in parsed) {
    try {
      JSON.stringify(parsed.value.map((doc) => doc.value));
    } catch (err) {
      return finding('invalid-output', `a value that is not plain data: ${(err as Error).message}`);
    }
  }
  return undefined;
}
