import path from 'node:path';

/**
 * The name users typed to reach us. kubectl finds plugins by file name (`kubectl-<name>`, where `_` in the
 * file name stands for `-` in the command), so we may be installed as `kubectl-kueue`, `kubectl-kq`, or
 * anything else to avoid the Kubernetes Kueue project's plugin of the same name.
 */
export function invocationName(argv1: string | undefined): string {
  const match = /^kubectl-(.+)$/.exec(executableName(argv1));
  if (!match?.[1]) return 'kubectl kueue';
  return `kubectl ${match[1].replace(/_/g, '-')}`;
}

/** The file name we were started as (`kubectl-kq`), which completion scripts must call back. */
export function executableName(argv1: string | undefined): string {
  return path.basename(argv1 ?? 'kubectl-kueue').replace(/\.(c?js|ts)$/, '');
}
