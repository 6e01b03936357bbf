import { describe, expect, it } from 'vitest';
import {
  LABEL_ACTION,
  LABEL_ACTION_TYPE,
  LABEL_DOMAIN,
  LABEL_IS_ROOT,
  LABEL_ORG,
  LABEL_PROJECT,
  LABEL_RUN,
  actionLabelSelector,
  runLabelSelector,
  taskActionLabels,
} from '../../../shared/task-action/labels.js';

const id = { org: 'acme', project: 'flytesnacks', domain: 'development', runName: 'r1', actionName: 'a0' };

describe('labels', () => {
  it('are the seven labels of Flyte, root when there is no parent', () => {
    expect(taskActionLabels(id)).toEqual({
      'flyte.org/org': 'acme',
      'flyte.org/project': 'flytesnacks',
      'flyte.org/domain': 'development',
      'flyte.org/run': 'r1',
      'flyte.org/action': 'a0',
      'flyte.org/action-type': 'task',
      'flyte.org/is-root': 'true',
    });
    expect([LABEL_ORG, LABEL_PROJECT, LABEL_DOMAIN, LABEL_RUN, LABEL_ACTION, LABEL_ACTION_TYPE, LABEL_IS_ROOT]).toEqual(
      Object.keys(taskActionLabels(id)),
    );
  });

  it('mark children as not root and carry the action type', () => {
    const labels = taskActionLabels({ ...id, actionName: 'b', parentActionName: 'a0', actionType: 'condition' });
    expect(labels['flyte.org/is-root']).toBe('false');
    expect(labels['flyte.org/action-type']).toBe('condition');
  });

  it('select a run, its root, and one action; org can be left out for objects without it', () => {
    const run = { org: 'acme', project: 'p', domain: 'd', runName: 'r1' };
    expect(runLabelSelector(run)).toBe('flyte.org/org=acme,flyte.org/project=p,flyte.org/domain=d,flyte.org/run=r1');
    expect(runLabelSelector(run, { rootOnly: true })).toBe(
      'flyte.org/org=acme,flyte.org/project=p,flyte.org/domain=d,flyte.org/run=r1,flyte.org/is-root=true',
    );
    expect(actionLabelSelector({ project: 'p', domain: 'd', runName: 'r1' }, 'a0')).toBe(
      'flyte.org/project=p,flyte.org/domain=d,flyte.org/run=r1,flyte.org/action=a0',
    );
  });
});
