// The manifests `install` applies, embedded in the install command's bundle at build time (esbuild's text import),
// so the plugin works as a single copied file. Only the CLI bundle can load this module: vitest cannot import
// text, so tests read crds/ from disk and compare with what the built CLI prints.
import { type ManifestText } from '../../../shared/install/index.js';
import taskActionCrd from '../../../crds/taskactions.flyte.org.yaml' with { type: 'text' };
import userRole from '../../../crds/rbac-user.yaml' with { type: 'text' };
import serveRole from '../../../crds/rbac-serve.yaml' with { type: 'text' };
import executorRole from '../../../crds/rbac-executor.yaml' with { type: 'text' };
import signallerRole from '../../../crds/rbac-signaller.yaml' with { type: 'text' };
import inClusterExecutor from '../../../crds/in-cluster-executor.yaml' with { type: 'text' };

export const INSTALL_MANIFESTS: readonly ManifestText[] = [
  { source: 'crds/taskactions.flyte.org.yaml', text: taskActionCrd },
  { source: 'crds/rbac-user.yaml', text: userRole },
  { source: 'crds/rbac-serve.yaml', text: serveRole },
  { source: 'crds/rbac-executor.yaml', text: executorRole },
  { source: 'crds/rbac-signaller.yaml', text: signallerRole },
];

/** The executor's ServiceAccount, RoleBinding and Deployment, which `install --with-executor` places in a namespace. */
export const EXECUTOR_MANIFEST: ManifestText = { source: 'crds/in-cluster-executor.yaml', text: inClusterExecutor };
