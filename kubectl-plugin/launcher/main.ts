// The executable (dist/kubectl-kueue): sets V8 flags for the command, turns on the compile cache for the plugin's
// bundles, which sit beside it in lib/, then runs the plugin. Kept tiny and free of the plugin's code, since
// nothing it loads can be cached.
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { compileCacheDir, enableCompileCache } from './compile-cache.js';
import { v8FlagsFor } from './v8-flags.js';

// Before any bundle is compiled: V8 checks cached code against the flags in force.
const flags = v8FlagsFor(process.argv.slice(2));
for (const flag of flags) v8.setFlagsFromString(flag);
const bundleDir = path.join(__dirname, 'lib');
const cacheDir = compileCacheDir(process.env, process.env.HOME);
if (cacheDir !== undefined) enableCompileCache({ bundleDir, cacheDir, runtimeFlags: flags.join(' ') });
createRequire(__filename)(path.join(bundleDir, 'kubectl-kueue.js'));
