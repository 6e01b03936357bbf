import { Composer, type Document, Parser } from 'yaml';
import { UserError } from '../errors/index.js';
import { isStackOverflow } from '../yaml-input/index.js';
import { type ManifestFormat } from './manifest-text.js';
import { fingerprintOf } from './value-fingerprint.js';
import { TO_JS_OPTIONS, YAML_PARSE_OPTIONS } from './yaml-settings.js';

/**
 * Reads the output back as a reader would and compares it with the values it was rendered from: the last
 * step before anything is written. Output that does not parse, or reads back as something else (a number
 * rounded, a value lost, a stray `------`), is refused naming the file and the document, so invalid or
 * changed manifests are never printed or written.
 */
export function checkManifestOutput(text: string, format: ManifestFormat, expected: readonly string[], file?: string): void {
  if (format === 'json') {
    let read: unknown;
    try {
      read = JSON.parse(text);
    } catch {
      throw outputError('json', undefined, 'is not valid JSON', file);
    }
    if (expected.length !== 1 || fingerprintOf(read) !== expected[0]) throw outputError('json', undefined, 'would not read back as the objects it was made from', file);
    return;
  }
  const check = new YamlOutputCheck(file);
  for (const fingerprint of expected) check.expect(fingerprint);
  check.write(text);
  check.end();
}

/**
 * checkManifestOutput for YAML output that is made piece by piece: the output goes through one streaming
 * parser as it is written, with the fingerprint of each document announced (expect) before its text, so the
 * whole output is never held as one string. Throws the same UserError as checkManifestOutput, at the latest
 * from end().
 */
export class YamlOutputCheck {
  private readonly parser = new Parser();
  private readonly composer = new Composer(YAML_PARSE_OPTIONS);
  private readonly expected: string[] = [];
  /** Documents read back so far (empty ones not counted), and announced so far. */
  private read = 0;
  private announced = 0;

  constructor(private readonly file?: string) {}

  expect(fingerprint: string): void {
    this.expected.push(fingerprint);
    this.announced++;
  }

  write(text: string): void {
    // `incomplete`: a line cut between two pieces waits in the parser for the rest.
    this.readBack(() => this.parser.parse(text, true), false);
  }

  end(): void {
    this.readBack(() => this.parser.parse('', false), true);
    if (this.read !== this.announced) this.fail(this.read, `would hold ${this.read} documents instead of ${this.announced}`);
  }

  private readBack(tokens: () => Generator<Parameters<Composer['next']>[0]>, last: boolean): void {
    try {
      for (const token of tokens()) for (const doc of this.composer.next(token)) this.compare(doc);
      if (last) for (const doc of this.composer.end(false)) this.compare(doc);
    } catch (err) {
      if (isStackOverflow(err)) this.fail(this.read, 'would not parse (it nests too deep)');
      throw err;
    }
  }

  private compare(doc: Document.Parsed): void {
    if (doc.errors.length > 0) this.fail(this.read, `would not parse (${doc.errors[0]?.message ?? 'invalid YAML'})`);
    if (doc.contents === null) return;
    const value: unknown = doc.toJS(TO_JS_OPTIONS);
    if (value === null || value === undefined) return;
    // Compared documents are dropped: only those announced but not yet read back are kept.
    const expected = this.expected.shift();
    if (expected === undefined || fingerprintOf(value) !== expected) this.fail(this.read, 'would not read back as the objects it was made from');
    this.read++;
  }

  private fail(document: number, why: string): never {
    throw outputError('yaml', document, why, this.file);
  }
}

function outputError(format: ManifestFormat, document: number | undefined, why: string, file: string | undefined): UserError {
  return new UserError(
    `the ${format === 'json' ? 'JSON' : 'YAML'} output ${why}, so nothing was written`,
    { ...(file === undefined ? {} : { file }), ...(document === undefined ? {} : { document }) },
    'the input holds something this format cannot represent exactly: simplify that document (or choose the other -o format)',
  );
}
