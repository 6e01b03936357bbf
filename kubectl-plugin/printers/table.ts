// kubectl's table layout lives in the core, where the extension's documents use it too.
export { renderTable, visibleLength } from '../../shared/format/index.js';
