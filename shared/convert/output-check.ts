import { UserError } from '../errors/index.js';
import { type ManifestFormat } from './manifest-text.js';
import { yamlDocuments } from './yaml-document-stream.js';
import { fingerprintOf } from './value-fingerprint.js';
import { TO_JS_OPTIONS } from './yaml-settings.js';

/**
 * Reads the output back as a reader would and compares it with the values it was rendered from: the last
 * step before anything is written. Output that does not parse, or reads back as something else (a number
 * rounded, a value lost, a stray `------`), is refused naming the file and the document, so invalid or
 * changed manifests are never printed or written.
 */
export function checkManifestOutput(text: string, format: ManifestFormat, expected: readonly string[], file?: string): void {
  const where = file === undefined ? {} : { file };
  const fail = (document: number | undefined, why: string): never => {
    throw new UserError(
      `the ${format === 'json' ? 'JSON' : 'YAML'} output ${why}, so nothing was written`,
      { ...where, ...(document === undefined ? {} : { document }) },
      'the input holds something this format cannot represent exactly: simplify that document (or choose the other -o format)',
    );
  };
  if (format === 'json') {
    let read: unknown;
    try {
      read = JSON.parse(text);
    } catch {
      return fail(undefined, 'is not valid JSON');
    }
    if (expected.length !== 1 || fingerprintOf(read) !== expected[0]) fail(undefined, 'would not read back as the objects it was made from');
    return;
  }
  let index = 0;
  for (const { doc } of yamlDocuments(text, file)) {
    if (doc.errors.length > 0) fail(index, `would not parse (${doc.errors[0]?.message ?? 'invalid YAML'})`);
    if (doc.contents === null) continue;
    const value: unknown = doc.toJS(TO_JS_OPTIONS);
    if (value === null || value === undefined) continue;
    if (index >= expected.length || fingerprintOf(value) !== expected[index]) fail(index, 'would not read back as the objects it was made from');
    index++;
  }
  if (index !== expected.length) fail(index, `would hold ${index} documents instead of ${expected.length}`);
}
