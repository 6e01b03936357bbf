import { decodeManifest, type ManifestOptions, type ObjectReport, transformManifest, type TransformMode, userErrorsOf } from '../../../shared/convert/index.js';
import { formatLocation, formatUserError } from '../../../shared/errors/index.js';

/** The outcome of converting one whole file, as the explorer command reports it. */
export type FileConversion =
  | { file: string; status: 'converted'; text: string; objects: ObjectReport[] }
  | { file: string; status: 'unchanged'; objects: ObjectReport[] }
  | { file: string; status: 'failed'; errors: FileError[] };

export interface FileError {
  /** `file:line:column` (as far as known). */
  where: string;
  message: string;
  /** 1-based, when the error has a place in the file (the Problems panel puts it there). */
  line?: number;
  column?: number;
  /** The complete text: location with document, object and field, message and hint. */
  detail: string;
}

/**
 * Converts every Pod, Job and CronJob of a file, as `kubectl kueue convert --in-place --skip-converted` does
 * (or reverts them, leaving objects that are not converted alone): other documents and objects already in the
 * wanted form stay as they are, and any problem leaves the whole file untouched. `content` is the editor's text
 * when the file is open (unsaved changes included), else its bytes.
 */
export function convertFile(file: string, content: string | Uint8Array, options: ManifestOptions = {}, mode: TransformMode = 'convert'): FileConversion {
  try {
    const text = typeof content === 'string' ? content : decodeManifest(content, file);
    const skip = mode === 'convert' ? { ifConverted: 'skip' as const } : { ifNotConverted: 'skip' as const };
    const result = transformManifest(text, mode, { ...options, file, ...skip });
    if (!result.changed) return { file, status: 'unchanged', objects: result.objects };
    return { file, status: 'converted', text: result.chunks.join(''), objects: result.objects };
  } catch (err) {
    const errors = userErrorsOf(err);
    if (errors === undefined) throw err;
    return {
      file,
      status: 'failed',
      errors: errors.map((e) => ({
        where: formatLocation({ ...e.location, document: undefined, object: undefined, field: undefined }),
        message: e.message,
        ...(e.location.line !== undefined ? { line: e.location.line } : {}),
        ...(e.location.column !== undefined ? { column: e.location.column } : {}),
        detail: formatUserError(e),
      })),
    };
  }
}
