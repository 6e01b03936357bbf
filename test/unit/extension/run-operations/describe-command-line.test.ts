import { describe, expect, it } from 'vitest';
import { describeCommandLine, shellWord } from '../../../../extension/src/run-operations/describe-command-line.js';

const base = { runName: 'nightly', project: 'default', domain: 'development', namespace: 'team-a', context: 'kind-dev', kubeconfig: '' };

describe('describeCommandLine', () => {
  it('describes a run where the view points, without --kubeconfig when kubectl would choose the same file', () => {
    expect(describeCommandLine(base)).toBe('kubectl kueue describe nightly --project default --domain development -n team-a --context kind-dev');
  });

  it('names the action and the kubeconfig the extension uses', () => {
    expect(describeCommandLine({ ...base, actionName: 'train', kubeconfig: '/home/me/.kube/dev' })).toBe(
      'kubectl kueue describe nightly train --project default --domain development -n team-a --context kind-dev --kubeconfig /home/me/.kube/dev',
    );
  });

  it('quotes what a shell would split or expand', () => {
    expect(describeCommandLine({ ...base, context: 'my context', kubeconfig: "/tmp/it's $HOME" })).toContain(`--context 'my context' --kubeconfig '/tmp/it'\\''s $HOME'`);
    expect(shellWord('arn:aws:eks:eu-west-1:1234:cluster/dev')).toBe('arn:aws:eks:eu-west-1:1234:cluster/dev');
    expect(shellWord('')).toBe(`''`);
  });
});
