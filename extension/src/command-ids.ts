/** The command ids the manifest (package.json) contributes; the manifest test checks they stay in step. */
export const COMMANDS = {
  showVersion: 'kueue.showVersion',
  convertToSequential: 'kueue.convertToSequential',
  revertToParallel: 'kueue.revertToParallel',
  convertFiles: 'kueue.convertFiles',
  refreshTaskActions: 'kueue.taskActions.refresh',
  abortAction: 'kueue.taskActions.abortAction',
  abortRun: 'kueue.taskActions.abortRun',
  openTaskActionYaml: 'kueue.taskActions.openYaml',
  showTaskActionLogs: 'kueue.taskActions.showLogs',
  copyTaskActionName: 'kueue.taskActions.copyName',
  switchContext: 'kueue.switchContext',
  switchNamespace: 'kueue.switchNamespace',
  startExecutor: 'kueue.executor.start',
  stopExecutor: 'kueue.executor.stop',
  executorMenu: 'kueue.executor.menu',
  enqueueManifest: 'kueue.enqueueManifest',
} as const;
