import { type ManifestFormat, type ManifestResult, decodeManifest, detectFormat, transformManifest } from '../../shared/convert/index.js';
import { type TransformMode } from '../../shared/convert/object-transform.js';
import { throwUserErrors, userErrorsOf } from '../../shared/convert/problems.js';
import { UserError } from '../../shared/errors/user-error.js';
import { writeFileAtomic } from '../atomic-write.js';
import { type ManifestTransformFlags } from '../commands/manifest-transform-flags.js';
import { readInputFiles } from '../input-files.js';
import { combinedOutput } from '../manifest-output.js';
import { strictViolations, transformReport } from '../transform-report.js';

interface TransformedFile {
  /** As the user named it; `STDIN` for standard input, as kubectl says. */
  name: string;
  path: string;
  result: ManifestResult;
}

/**
 * `convert` and `revert`: all or nothing. Every input is read, decoded and transformed before anything is
 * written, and any problem (in any file) fails the command with nothing on stdout and no file touched.
 */
export function runManifestTransform(mode: TransformMode, flags: ManifestTransformFlags): void {
  const outputFormat = parseOutputFormat(flags.output);
  const paths = flags.filename ?? [];
  checkFlagCombinations(paths, flags);
  const inputs = readInputFiles(paths, { recursive: flags.recursive ?? false });
  if (inputs.length === 0) {
    throw new UserError(`no manifest files (.yaml, .yml or .json) in ${paths.join(', ')}`, {}, 'use -R to read subdirectories');
  }

  const errors: UserError[] = [];
  const texts = inputs.map((input) => {
    const name = input.path === '-' ? 'STDIN' : input.path;
    try {
      return { name, path: input.path, text: decodeManifest(input.bytes, name) };
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
      return undefined;
    }
  });
  throwUserErrors(errors);
  const decoded = texts.filter((t) => t !== undefined);
  // Output follows the input; mixed inputs come out as YAML, which can hold both.
  const formats = new Set(decoded.map((t) => detectFormat(t.text)));
  const format: ManifestFormat = outputFormat ?? (formats.size === 1 && formats.has('json') ? 'json' : 'yaml');

  const files: TransformedFile[] = [];
  for (const { name, path, text } of decoded) {
    try {
      const result = transformManifest(text, mode, {
        file: name,
        ...(flags.entrypointImage === undefined ? {} : { entrypointImage: flags.entrypointImage }),
        ifConverted: flags.skipConverted ? 'skip' : 'error',
        // Reverting what is not converted is harmless: it passes through like other kinds (--strict refuses it).
        ifNotConverted: 'skip',
        ...(flags.inPlace ? {} : { outputFormat: format }),
      });
      if (flags.strict) errors.push(...strictViolations(result, mode, flags.skipConverted ?? false));
      files.push({ name, path, result });
    } catch (err) {
      errors.push(...rethrowUnlessUserErrors(err));
    }
  }
  throwUserErrors(errors);

  for (const line of transformReport(files.map((f) => f.result), mode)) process.stderr.write(`${line}\n`);
  if (flags.inPlace) {
    for (const file of files) {
      if (!file.result.changed) continue;
      writeFileAtomic(file.path, file.result.chunks);
      process.stderr.write(`${file.name} rewritten\n`);
    }
    return;
  }
  for (const chunk of combinedOutput(files.map((f) => f.result), format)) process.stdout.write(chunk);
}

function parseOutputFormat(output: string | undefined): ManifestFormat | undefined {
  if (output === undefined || output === 'yaml' || output === 'json') return output;
  throw new UserError(`--output must be yaml or json, got "${output}"`);
}

function checkFlagCombinations(paths: string[], flags: ManifestTransformFlags): void {
  if (paths.filter((p) => p === '-').length > 1) throw new UserError('-f - (standard input) can be given only once');
  if (flags.inPlace && paths.includes('-')) throw new UserError('--in-place rewrites files: it cannot be used with -f - (standard input)');
  if (flags.inPlace && flags.output !== undefined) {
    throw new UserError('--in-place keeps each file in its own format: it cannot be combined with --output');
  }
}

function rethrowUnlessUserErrors(err: unknown): UserError[] {
  const list = userErrorsOf(err);
  if (list === undefined) throw err;
  return list;
}
