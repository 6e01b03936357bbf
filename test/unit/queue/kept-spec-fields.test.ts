import { describe, expect, it } from 'vitest';
import { keptSpec, prunedMeaningfulFields } from '../../../shared/queue/kept-spec-fields.js';
import { type TaskActionSpec } from '../../../shared/task-action/types.js';

const spec: TaskActionSpec = {
  runName: 'r',
  org: 'o',
  project: 'p',
  domain: 'd',
  actionName: 'a',
  cacheKey: 'k',
  envVars: { A: '1' },
  interruptible: false,
};
const s3 = { kept: new Set(['runName', 'org', 'project', 'domain', 'actionName']), crd: 'taskactions.flyte.org' };

describe('the spec fields a CRD keeps', () => {
  it('leaves out what the server would prune, so it is no difference', () => {
    expect(keptSpec(spec, s3)).toEqual({ runName: 'r', org: 'o', project: 'p', domain: 'd', actionName: 'a' });
  });

  it('names the pruned fields that change how the action runs (an explicit false counts), not the others', () => {
    expect(prunedMeaningfulFields(spec, s3)).toEqual(['spec.envVars', 'spec.interruptible']);
    expect(prunedMeaningfulFields({ ...spec, envVars: undefined, interruptible: undefined }, s3)).toEqual([]);
    expect(prunedMeaningfulFields(spec, { ...s3, kept: new Set([...s3.kept, 'envVars', 'interruptible']) })).toEqual([]);
  });
});
