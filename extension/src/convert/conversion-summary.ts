import { type ObjectReport, type TransformMode } from '../../../shared/convert/index.js';
import { type FileConversion, type FileError } from './file-conversion.js';
import { shortReason } from './short-reason.js';

export interface ConversionSummary {
  severity: 'info' | 'warning' | 'error';
  /** One paragraph for a notification. */
  message: string;
  /** One line per file (and per error), for the output channel. */
  details: string[];
}

/** Notifications cut long text; the full list is in the details. */
const MAX_NAMED = 5;

/**
 * What the explorer's "convert file(s)" did, file by file: converted (with the objects), skipped (and
 * why), failed (with each located error). Any failure makes it an error, warnings of the core a warning.
 */
export function summarizeConversions(results: readonly FileConversion[], mode: TransformMode = 'convert'): ConversionSummary {
  const [Done, done] = mode === 'convert' ? ['Converted', 'converted'] : ['Reverted', 'reverted'];
  const skipReason = (objects: readonly ObjectReport[]): string => skipReasonOf(objects, mode);
  const converted = results.filter((r) => r.status === 'converted');
  const unchanged = results.filter((r) => r.status === 'unchanged');
  const failed = results.filter((r) => r.status === 'failed');
  const warnings = converted.flatMap((r) => r.objects.flatMap((o) => o.warnings.map((w) => `${r.file}: ${o.object}: ${w.message}`)));

  const parts: string[] = [];
  if (converted.length > 0) {
    parts.push(`${Done} ${count(converted.length, 'file')}: ${named(converted.map((r) => `${r.file} (${transformedObjects(r.objects).join(', ')})`))}.`);
  }
  if (unchanged.length > 0) {
    parts.push(`Skipped ${count(unchanged.length, 'file')}: ${named(unchanged.map((r) => `${r.file} (${skipReason(r.objects)})`))}.`);
  }
  if (failed.length > 0) {
    parts.push(`${count(failed.length, 'file')} not ${done}: ${named(failed.map((r) => firstError(r.file, r.errors)))}.`);
  }
  if (warnings.length > 0) parts.push(`${count(warnings.length, 'warning')}: ${named(warnings)}.`);
  if (results.length === 0) parts.push('No .yaml or .yml files selected.');

  const details = results.flatMap((r): string[] => {
    if (r.status === 'converted') return [`${done} ${r.file}: ${transformedObjects(r.objects).join(', ')}`];
    if (r.status === 'unchanged') return [`skipped ${r.file}: ${skipReason(r.objects)}`];
    return [`failed ${r.file}:`, ...r.errors.map((e) => `  ${e.detail.replace(/\n/g, '\n  ')}`)];
  });
  details.push(...warnings.map((w) => `warning ${w}`));

  const severity = failed.length > 0 ? 'error' : warnings.length > 0 || converted.length === 0 ? 'warning' : 'info';
  return { severity, message: parts.join(' '), details };
}

function transformedObjects(objects: readonly ObjectReport[]): string[] {
  return objects.filter((o) => o.status === 'transformed').map((o) => o.object);
}

function skipReasonOf(objects: readonly ObjectReport[], mode: TransformMode): string {
  const skipped = objects.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) return `${mode === 'convert' ? 'already converted' : 'not converted'}: ${skipped.map((o) => o.object).join(', ')}`;
  return 'no Pod, Job or CronJob';
}

function firstError(file: string, errors: readonly FileError[]): string {
  const first = errors[0];
  if (first === undefined) return file;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${first.where} ${shortReason(first.message)}${more}`;
}

function named(items: readonly string[]): string {
  if (items.length <= MAX_NAMED) return items.join(', ');
  return `${items.slice(0, MAX_NAMED).join(', ')} and ${items.length - MAX_NAMED} more`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
