/** The command ids the manifest (package.json) contributes; the manifest test checks they stay in step. */
export const COMMANDS = {
  showVersion: 'kueue.showVersion',
  convertToSequential: 'kueue.convertToSequential',
  revertToParallel: 'kueue.revertToParallel',
  convertFiles: 'kueue.convertFiles',
} as const;
