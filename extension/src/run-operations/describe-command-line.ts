/** What `Show in Terminal` types: enough flags that the command describes the same object the row shows. */
export interface DescribeCommandTarget {
  runName: string;
  /** Absent for a run. */
  actionName?: string;
  project: string;
  domain: string;
  namespace: string;
  context: string;
  /** Empty: kubectl's own choice ($KUBECONFIG, ~/.kube/config), as the extension made it. */
  kubeconfig: string;
}

/** POSIX shell quoting: words of safe characters as they are, anything else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `kubectl kueue describe RUN [ACTION] --project P --domain D -n NS --context C [--kubeconfig F]`, quoted. */
export function describeCommandLine(target: DescribeCommandTarget): string {
  const words = ['kubectl', 'kueue', 'describe', target.runName, ...(target.actionName !== undefined ? [target.actionName] : [])];
  words.push('--project', target.project, '--domain', target.domain, '-n', target.namespace, '--context', target.context);
  if (target.kubeconfig !== '') words.push('--kubeconfig', target.kubeconfig);
  return words.map(shellWord).join(' ');
}
