import {
  type ManifestFormat,
  type ManifestOptions,
  type ManifestResult,
  type ManifestSink,
  type ManifestSummary,
  type TransformMode,
  YamlOutputCheck,
  checkManifestOutput,
  decodeManifest,
  detectFormat,
  throwUserErrors,
  transformManifestInto,
  userErrorsOf,
} from '../../../shared/convert/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { type InputFile, readInputFiles } from '../../cli/input-files.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { LONG_RUN_INPUT_BYTES, adaptToLongRun } from '../../launcher/v8-flags.js';
import { YamlStreamJoiner, combinedFingerprints, combinedOutput } from './manifest-output.js';
import { OutputSpool } from './output-spool.js';
import { type ManifestTransformFlags } from './transform-flags.js';
import { strictViolations, transformReport } from './transform-report.js';

interface DecodedFile {
  /** As the user named it; `STDIN` for standard input, as kubectl says. */
  name: string;
  path: string;
  text: string;
  /** Of the bytes read, to notice a change before --in-place replaces the file (only with --in-place). */
  digest?: string;
}

interface TransformedFile {
  name: string;
  path: string;
  digest?: string;
  result: ManifestResult;
}

/**
 * `convert` and `revert`: all or nothing. Every input is read, decoded and transformed before anything is
 * written, and any problem (in any file) fails the command with nothing on stdout and no file touched.
 */
export async function runManifestTransform(io: IOStreams, mode: TransformMode, flags: ManifestTransformFlags): Promise<void> {
  const outputFormat = validate(flags);
  const decoded = await readAndDecode(io, flags);
  // Output follows the input; mixed inputs come out as YAML, which can hold both.
  const formats = new Set(decoded.map((file) => detectFormat(file.text)));
  const format: ManifestFormat = outputFormat ?? (formats.size === 1 && formats.has('json') ? 'json' : 'yaml');
  if (!flags.inPlace && format === 'yaml') {
    await streamYaml(io, decoded, mode, flags);
    return;
  }
  const files = transformAll(decoded, mode, flags, format);

  // Re-read before writing: nothing that would not read back as the objects it was made from leaves.
  const results = files.map((f) => f.result);
  const output = flags.inPlace ? [] : combinedOutput(results, format);
  const combined = flags.inPlace ? undefined : combinedFingerprints(results, format);
  if (combined === undefined) {
    for (const file of files) if (!flags.inPlace || file.result.changed) checkManifestOutput(file.result.chunks.join(''), file.result.format, file.result.fingerprints, file.name);
  } else {
    checkManifestOutput(output.join(''), format, combined, files.length === 1 ? files[0]?.name : undefined);
  }
  for (const line of transformReport(results, mode)) io.err.write(`${line}\n`);
  if (flags.inPlace) {
    // All or nothing for the whole command: every file is written aside first, then all are renamed.
    const changed = files.filter((file) => file.result.changed);
    const { replaceFilesAtomically } = await import('./atomic-write.js');
    replaceFilesAtomically(changed.map((file) => ({ path: file.path, chunks: file.result.chunks, ...(file.digest === undefined ? {} : { readDigest: file.digest }) })));
    for (const file of changed) io.err.write(`${file.name} rewritten\n`);
    return;
  }
  for (const chunk of output) io.out.write(chunk);
}

/**
 * YAML to stdout, without the output in memory: each document goes, as it is made, through the output check
 * (a streaming parser) and into a temporary file; only when every input has converted and read back right is
 * the file copied to stdout. So nothing is printed on any problem, and memory stays near the input's size.
 */
async function streamYaml(io: IOStreams, decoded: readonly DecodedFile[], mode: TransformMode, flags: ManifestTransformFlags): Promise<void> {
  const spool = new OutputSpool();
  try {
    const check = new YamlOutputCheck(decoded.length === 1 ? decoded[0]?.name : undefined);
    const joiner = new YamlStreamJoiner((chunk) => {
      check.write(chunk);
      spool.write(chunk);
    });
    const summaries = transformEach(decoded, mode, flags, 'yaml', (transform) => {
      joiner.startInput();
      return transform({ document: (fingerprint) => check.expect(fingerprint), chunk: (chunk) => joiner.chunk(chunk) });
    });
    check.end();
    for (const line of transformReport(summaries.map((file) => file.result), mode)) io.err.write(`${line}\n`);
    await spool.copyTo(io.out);
  } finally {
    spool.close();
  }
}

/** Every input read and decoded; the bytes read are not kept (they would double the memory of a large file). */
async function readAndDecode(io: IOStreams, flags: ManifestTransformFlags): Promise<DecodedFile[]> {
  const paths = flags.filename ?? [];
  const inputs = await readInputFiles(paths, () => io.in, { recursive: flags.recursive ?? false });
  if (inputs.reduce((sum, input) => sum + input.bytes.length, 0) > LONG_RUN_INPUT_BYTES) adaptToLongRun();
  if (inputs.length === 0) {
    throw new UserError(`no manifest files (.yaml, .yml or .json) in ${paths.join(', ')}`, {}, 'use -R to read subdirectories');
  }
  // The file replacement (and node:crypto, slow to load) is loaded only for --in-place: a bundle of its own.
  const digestOf = flags.inPlace ? (await import('./atomic-write.js')).digestOf : undefined;
  return decodeAll(inputs, digestOf);
}

/** Checks the flags before any input is read; returns the asked output format. */
function validate(flags: ManifestTransformFlags): ManifestFormat | undefined {
  const output = flags.output;
  if (output !== undefined && output !== 'yaml' && output !== 'json') throw new UserError(`--output must be yaml or json, got "${output}"`);
  const paths = flags.filename ?? [];
  if (paths.filter((p) => p === '-').length > 1) throw new UserError('-f - (standard input) can be given only once');
  if (flags.inPlace && paths.includes('-')) throw new UserError('--in-place rewrites files: it cannot be used with -f - (standard input)');
  if (flags.inPlace && output !== undefined) {
    throw new UserError('--in-place keeps each file in its own format: it cannot be combined with --output');
  }
  return output;
}

/** Every input as text, or every decoding problem of every input at once. */
function decodeAll(inputs: readonly InputFile[], digestOf: ((bytes: Uint8Array) => string) | undefined): DecodedFile[] {
  const errors: UserError[] = [];
  const decoded: DecodedFile[] = [];
  for (const input of inputs) {
    const name = input.path === '-' ? 'STDIN' : input.path;
    try {
      const text = decodeManifest(input.bytes, name);
      // The digest only serves --in-place's check before replacing a file.
      decoded.push({ name, path: input.path, text, ...(digestOf !== undefined ? { digest: digestOf(input.bytes) } : {}) });
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
    }
  }
  throwUserErrors(errors);
  return decoded;
}

/** Every input transformed, or every problem of every input at once (with --strict, unchanged objects too). */
function transformAll(decoded: readonly DecodedFile[], mode: TransformMode, flags: ManifestTransformFlags, format: ManifestFormat): TransformedFile[] {
  return transformEach(decoded, mode, flags, format, (transform) => {
    const chunks: string[] = [];
    const fingerprints: string[] = [];
    const summary = transform({ document: (fingerprint) => fingerprints.push(fingerprint), chunk: (chunk) => chunks.push(chunk) });
    return { ...summary, chunks, fingerprints };
  });
}

type Transform = (sink: ManifestSink) => ManifestSummary;

/**
 * Transforms every input, each through `run` (which gives it a sink for its output), collecting the problems
 * of all inputs and throwing them together at the end. After the first problem the output is no longer
 * wanted: later inputs are still transformed (to report their problems too) into a sink that drops it.
 */
function transformEach<R extends ManifestSummary>(
  decoded: readonly DecodedFile[],
  mode: TransformMode,
  flags: ManifestTransformFlags,
  format: ManifestFormat,
  run: (transform: Transform) => R,
): { name: string; path: string; digest?: string; result: R }[] {
  const errors: UserError[] = [];
  const files: { name: string; path: string; digest?: string; result: R }[] = [];
  const discard: ManifestSink = { document: () => undefined, chunk: () => undefined };
  for (const { name, path, text, digest } of decoded) {
    const options = transformOptions(name, flags, format);
    try {
      const result = errors.length === 0 ? run((sink) => transformManifestInto(text, mode, options, sink)) : (transformManifestInto(text, mode, options, discard) as R);
      if (flags.strict) errors.push(...strictViolations(result, mode, flags.skipConverted ?? false));
      files.push({ name, path, ...(digest === undefined ? {} : { digest }), result });
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
    }
  }
  throwUserErrors(errors);
  return files;
}

function transformOptions(name: string, flags: ManifestTransformFlags, format: ManifestFormat): ManifestOptions {
  return {
    file: name,
    ...(flags.entrypointImage === undefined ? {} : { entrypointImage: flags.entrypointImage }),
    ifConverted: flags.skipConverted ? 'skip' : 'error',
    ...(flags.compact === true ? { compact: true } : {}),
    ...(flags.sidecar === undefined ? {} : { sidecars: flags.sidecar }),
    ...(flags.foldRequests === true ? { foldRequests: true } : {}),
    // Reverting what is not converted is harmless: it passes through like other kinds (--strict refuses it).
    ifNotConverted: 'skip',
    ...(flags.inPlace ? {} : { outputFormat: format }),
  };
}

function rethrowUnlessUserErrors(err: unknown): UserError[] {
  const list = userErrorsOf(err);
  if (list === undefined) throw err;
  return list;
}
