import { checkManifestOutput, decodeManifest, detectFormat, type ManifestFormat, type ManifestResult, throwUserErrors, transformManifest, type TransformMode, userErrorsOf } from '../../../shared/convert/index.js';
import { UserError } from '../../../shared/errors/index.js';
import { type InputFile, readInputFiles } from '../../cli/input-files.js';
import { type IOStreams } from '../../cli/io-streams.js';
import { digestOf, replaceFilesAtomically } from './atomic-write.js';
import { combinedFingerprints, combinedOutput } from './manifest-output.js';
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
  const paths = flags.filename ?? [];
  const inputs = await readInputFiles(paths, io.in, { recursive: flags.recursive ?? false });
  if (inputs.length === 0) {
    throw new UserError(`no manifest files (.yaml, .yml or .json) in ${paths.join(', ')}`, {}, 'use -R to read subdirectories');
  }
  const decoded = decodeAll(inputs, flags.inPlace ?? false);
  // Output follows the input; mixed inputs come out as YAML, which can hold both.
  const formats = new Set(decoded.map((file) => detectFormat(file.text)));
  const format: ManifestFormat = outputFormat ?? (formats.size === 1 && formats.has('json') ? 'json' : 'yaml');
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
  for (const line of transformReport(files.map((f) => f.result), mode)) io.err.write(`${line}\n`);
  if (flags.inPlace) {
    // All or nothing for the whole command: every file is written aside first, then all are renamed.
    const changed = files.filter((file) => file.result.changed);
    replaceFilesAtomically(changed.map((file) => ({ path: file.path, chunks: file.result.chunks, ...(file.digest === undefined ? {} : { readDigest: file.digest }) })));
    for (const file of changed) io.err.write(`${file.name} rewritten\n`);
    return;
  }
  for (const chunk of output) io.out.write(chunk);
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
function decodeAll(inputs: readonly InputFile[], inPlace: boolean): DecodedFile[] {
  const errors: UserError[] = [];
  const decoded: DecodedFile[] = [];
  for (const input of inputs) {
    const name = input.path === '-' ? 'STDIN' : input.path;
    try {
      const text = decodeManifest(input.bytes, name);
      // The digest (and node:crypto, slow to load) only serves --in-place's check before replacing a file.
      decoded.push({ name, path: input.path, text, ...(inPlace ? { digest: digestOf(input.bytes) } : {}) });
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
    }
  }
  throwUserErrors(errors);
  return decoded;
}

/** Every input transformed, or every problem of every input at once (with --strict, unchanged objects too). */
function transformAll(decoded: readonly DecodedFile[], mode: TransformMode, flags: ManifestTransformFlags, format: ManifestFormat): TransformedFile[] {
  const errors: UserError[] = [];
  const files: TransformedFile[] = [];
  for (const { name, path, text, digest } of decoded) {
    try {
      const result = transformManifest(text, mode, {
        file: name,
        ...(flags.entrypointImage === undefined ? {} : { entrypointImage: flags.entrypointImage }),
        ifConverted: flags.skipConverted ? 'skip' : 'error',
        ...(flags.compact === true ? { compact: true } : {}),
        ...(flags.sidecar === undefined ? {} : { sidecars: flags.sidecar }),
        ...(flags.foldRequests === true ? { foldRequests: true } : {}),
        // Reverting what is not converted is harmless: it passes through like other kinds (--strict refuses it).
        ifNotConverted: 'skip',
        ...(flags.inPlace ? {} : { outputFormat: format }),
      });
      if (flags.strict) errors.push(...strictViolations(result, mode, flags.skipConverted ?? false));
      files.push({ name, path, ...(digest === undefined ? {} : { digest }), result });
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
    }
  }
  throwUserErrors(errors);
  return files;
}

function rethrowUnlessUserErrors(err: unknown): UserError[] {
  const list = userErrorsOf(err);
  if (list === undefined) throw err;
  return list;
}
