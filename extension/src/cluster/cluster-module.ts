// The TaskAction features' heavy half: the Kubernetes client (client-node, for the kubeconfig), the Informer,
// the queue core, the executor engine with its pod plugins and the TaskTemplate protobuf decoder. Loaded the first
// time the view shows, a TaskAction command runs or the executor starts. Every dynamic import becomes a bundle of
// its own: esbuild writes this one to dist/lib/cluster-cluster-module.js.
export { connectCluster, kubeconfigContexts } from './cluster-connection.js';
export { TaskActionWatch } from '../task-actions/task-action-watch.js';
export { TaskActionForest } from '../task-actions/task-action-forest.js';
export { taskActionItemView } from '../task-actions/task-action-item-view.js';
export { taskActionTooltip } from '../task-actions/task-action-tooltip.js';
export { taskActionYaml } from '../task-actions/task-action-yaml.js';
export { actionLogs } from '../task-actions/action-logs.js';
export { enqueueManifest } from '../enqueue/enqueue-manifest.js';
export { abortAction, abortCleanupReport, abortRun } from '../../../shared/queue/index.js';
export { DEFAULT_CONCURRENCY, DEFAULT_LEASE_NAME, Executor, executorPresence, formatTransition } from '../../../shared/executor/index.js';
export { stopRun } from '../../../shared/runs/index.js';
export { conditionPluginEntries } from '../../../shared/plugins/condition/index.js';
export { POD_OWNED_OBJECTS, podPluginEntries } from '../../../shared/plugins/pod/index.js';
export { NAMESPACES } from '../../../shared/kube/index.js';
export { manifestAtCursor } from '../enqueue/manifest-at-cursor.js';
export { detailsText } from '../run-operations/details-text.js';
export { followLogsInto, logChoices } from '../run-operations/follow-logs.js';
export { RUN_PHASES, filteredTitle, isFiltering, passes } from '../run-operations/run-filter.js';
export { parseLabelSelector } from '../../../shared/kube/index.js';
export { resubmitRun, retryRun } from '../../../shared/runs/index.js';
export { enqueueInput } from '../enqueue/enqueue-input.js';
