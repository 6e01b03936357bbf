import { type ManifestSummary, type TransformMode } from '../../../shared/convert/index.js';
import { formatLocation, UserError } from '../../../shared/errors/index.js';

/**
 * What `convert`/`revert` did, for stderr (stdout carries the manifest): one line per object, then the
 * warnings, in kubectl's `Warning:` form.
 */
export function transformReport(results: readonly ManifestSummary[], mode: TransformMode): string[] {
  const done = mode === 'convert' ? 'converted' : 'reverted';
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const result of results) {
    for (const object of result.objects) {
      const where = object.location.file === undefined || object.location.file === 'STDIN' ? '' : ` (${object.location.file})`;
      lines.push(object.status === 'transformed' ? `${object.object} ${done}${where}` : `${object.object} unchanged: ${object.reason ?? ''}${where}`);
      for (const warning of object.warnings) warnings.push(`Warning: ${formatLocation(warning.location)}: ${warning.message}`);
    }
  }
  return [...lines, ...warnings];
}

/** With --strict, every object left unchanged is an error, except the ones --skip-converted asked to leave. */
export function strictViolations(result: ManifestSummary, mode: TransformMode, skipConverted: boolean): UserError[] {
  return result.objects
    .filter((object) => object.status === 'unsupported' || (object.status === 'skipped' && !(mode === 'convert' && skipConverted)))
    .map((object) => {
      const reason = object.status === 'unsupported' ? (object.reason ?? 'not convertible') : mode === 'convert' ? 'already converted' : 'not converted';
      return new UserError(`${reason} (--strict)`, object.location, 'remove --strict to pass such documents through unchanged');
    });
}
