// The convert features' heavy half (the YAML document layer of the core), loaded on first use so that
// activating the extension stays cheap. esbuild writes it to dist/lib/convert.js.
export { analyzeManifest } from '../convert/manifest-analysis.js';
export { documentEdits } from '../convert/document-edits.js';
export { convertFile } from '../convert/file-conversion.js';
export { formatUserError, isUserError, isUserErrors } from '../../../shared/errors/user-error.js';
