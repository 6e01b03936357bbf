// `npm run package:extension` (after the build): writes dist/kueue-<version>.vsix at the repository root, or the
// path given as the first argument, and prints where. KUEUE_EXTENSION_BASE_URL (where extension/ is published)
// makes the README's relative links and images absolute, for the Marketplace page.
import path from 'node:path';
import { errorMessage } from '../../shared/errors/index.js';
import { packageExtension } from './package-extension.js';

const extensionDir = path.resolve(__dirname, '..');
const out = process.argv[2];
const baseUrl = process.env['KUEUE_EXTENSION_BASE_URL'] || undefined;

packageExtension({ extensionDir, baseUrl, ...(out === undefined ? { outDir: path.resolve(extensionDir, '..', 'dist') } : { out }) })
  .then((vsix) => process.stdout.write(`${path.relative(process.cwd(), vsix)}\n`))
  .catch((err: unknown) => {
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  });
