import { type InputDocument, parseManifestText } from '../../../shared/queue/index.js';
import { type InputFile } from '../../cli/input-files.js';

/** Every document of the input files, parsed as the editor's Enqueue parses its file (the core's parser). */
export function parseDocuments(files: InputFile[]): InputDocument[] {
  return files.flatMap((file) => parseManifestText(file.bytes.toString('utf8'), file.path));
}
