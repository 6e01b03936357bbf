import path from 'node:path';
import { ensureFreshBundles } from './fresh-bundles.js';

/**
 * Global setup of the projects whose tests run the built CLI: the bundles exist and match the sources before
 * any test starts, so no test builds them under its own timeout.
 */
export default async function setup(): Promise<void> {
  await ensureFreshBundles(path.resolve(import.meta.dirname, '..', '..'), (line) => process.stderr.write(`[build] ${line}\n`));
}
