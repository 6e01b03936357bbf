// The convert features' heavy half (the YAML document layer of the core), loaded on first use so that
// activating the extension stays cheap. Every dynamic import becomes a bundle of its own: esbuild writes this
// one to dist/lib/convert-convert-module.js.
export { analyzeManifest } from './manifest-analysis.js';
export { documentEdits } from './document-edits.js';
export { convertFile } from './file-conversion.js';
export { formatUserError, isUserError, isUserErrors } from '../../../shared/errors/index.js';
