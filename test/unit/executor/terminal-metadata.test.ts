import { describe, expect, it } from 'vitest';
import { missingTerminalLabels } from '../../../shared/executor/terminal-metadata.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { completedTimeLabelValue } from '../../../shared/task-action/labels.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { storedTaskAction } from './task-action-fixture.js';

const now = new Date('2030-01-01T00:00:00Z');

function finished(type: 'Succeeded' | 'Failed', lastTransitionTime: string): TaskAction {
  const action = storedTaskAction(containerTaskTemplate({ image: 'x' }));
  action.status = {
    conditions: [
      { type: 'Progressing', status: 'False', reason: 'Completed', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
      { type, status: 'True', reason: 'Completed', message: '', lastTransitionTime },
    ],
  };
  return action;
}

describe('Flyte\'s terminal labels', () => {
  it('formats the completed time as Flyte does: UTC, YYYY-MM-DD.HH-MM', () => {
    expect(completedTimeLabelValue(new Date('2025-03-04T05:06:59.999+02:00'))).toBe('2025-03-04.03-06');
    expect(completedTimeLabelValue(new Date('2025-12-31T23:59:00Z'))).toBe('2025-12-31.23-59');
  });

  it('takes the time of the terminal condition, succeeded or failed', () => {
    expect(missingTerminalLabels(finished('Succeeded', '2025-03-14T09:26:53Z'), now)).toEqual({
      'flyte.org/termination-status': 'terminated',
      'flyte.org/completed-time': '2025-03-14.09-26',
    });
    expect(missingTerminalLabels(finished('Failed', '2025-03-14T10:00:00Z'), now)?.['flyte.org/completed-time']).toBe('2025-03-14.10-00');
    expect(missingTerminalLabels(finished('Failed', 'not a time'), now)?.['flyte.org/completed-time']).toBe('2030-01-01.00-00');
  });

  it('adds nothing to an action that is not finished, or already labelled by anyone', () => {
    const running = storedTaskAction(containerTaskTemplate({ image: 'x' }));
    expect(missingTerminalLabels(running, now)).toBeUndefined();
    const labelled = finished('Succeeded', '2025-03-14T09:26:53Z');
    labelled.metadata.labels = { ...labelled.metadata.labels, 'flyte.org/termination-status': 'terminated' };
    expect(missingTerminalLabels(labelled, now)).toBeUndefined();
  });
});
