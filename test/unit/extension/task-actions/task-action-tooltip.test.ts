import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from '../../../../extension/src/task-actions/markdown-text.js';
import { taskActionTooltip } from '../../../../extension/src/task-actions/task-action-tooltip.js';
import { podTaskTemplate } from '../../../../shared/task-action/pod-task.js';
import { taskTemplateToBase64 } from '../../../../shared/task-action/task-template-codec.js';
import { at, taskAction, underFlyteS3Crd } from './task-action-fixtures.js';

const OPTIONS = { now: Date.parse(at(60)), timeZone: 'UTC' };

describe('taskActionTooltip', () => {
  it('says what the action is, how it is doing, its conditions as a table and its phase history', () => {
    const tooltip = taskActionTooltip(taskAction('train', { phase: 'failed' }), OPTIONS);
    expect(tooltip.split('\n')).toEqual([
      '**train** in run **nightly**: Failed after 29s',
      '',
      '`container` task · image `busybox:1.36` · up to 3 attempts',
      '',
      '**Error** `OOMKilled` (USER): container main was OOMKilled',
      '',
      '| Condition | Status | Reason | Message | Since |',
      '|---|---|---|---|---|',
      '| Progressing | False | PermanentFailure | failed | 10:00:30 |',
      '| Failed | True | PermanentFailure | container main was OOMKilled | 10:00:30 |',
      '',
      '**Phase history**',
      '',
      '- 10:00:00 Queued',
      '- 10:00:01 Initializing',
      '- 10:00:02 Executing: Pod is running',
      '- 10:00:30 PermanentFailure: container main was OOMKilled',
      '',
      '`flyte/acme-proj-dev-nightly-train` · org `acme` · project `proj` · domain `dev`',
    ]);
  });

  it("shows the attempt and the last error under Flyte's S3 CRD, which keeps them only in stateJson", () => {
    const retrying = underFlyteS3Crd(taskAction('train', { phase: 'retrying' }));
    expect(retrying.status?.attempts).toBeUndefined();
    expect(taskActionTooltip(retrying, OPTIONS).split('\n')).toContain('Attempt 2');
    const failed = underFlyteS3Crd(taskAction('train', { phase: 'failed' }));
    expect(failed.status?.errorState).toBeUndefined();
    expect(taskActionTooltip(failed, OPTIONS).split('\n')).toContain('**Error** `OOMKilled` (USER): container main was OOMKilled');
  });

  it('prefers the status fields a CRD kept over stateJson', () => {
    const action = taskAction('train', { phase: 'retrying' });
    if (action.status) action.status.stateJson = JSON.stringify({ attempts: 7 });
    expect(taskActionTooltip(action, OPTIONS).split('\n')).toContain('Attempt 2');
  });

  it('tells that no executor has looked at a pending action', () => {
    const tooltip = taskActionTooltip(taskAction('a0'), OPTIONS);
    expect(tooltip).toContain('**a0** in run **nightly**: Pending\n');
    expect(tooltip).toContain('_No executor has picked it up yet._');
    expect(tooltip).not.toContain('Phase history');
  });

  it('names the containers of a pod task and whether they run in sequence', () => {
    const action = taskAction('steps', { phase: 'running' });
    action.spec.taskTemplate = taskTemplateToBase64(
      podTaskTemplate({ podSpec: { containers: [{ name: 'fetch', image: 'a', command: ['f'] }, { name: 'train', image: 'b', command: ['t'] }] }, primaryContainerName: 'train', sequential: true }),
    );
    expect(taskActionTooltip(action, OPTIONS).split('\n')[2]).toBe('`sidecar` task · sequential containers `fetch`, `train` · no retries');
  });

  it('falls back to the spec task type when the template cannot be decoded', () => {
    const action = taskAction('odd', { phase: 'running' });
    action.spec.taskTemplate = '!!not base64!!';
    action.spec.taskType = 'python-task';
    expect(taskActionTooltip(action, OPTIONS).split('\n')[2]).toBe('`python-task` task');
  });

  it('keeps messages literal: Markdown and HTML in them are escaped', () => {
    const action = taskAction('x', { phase: 'failed' });
    if (action.status?.errorState) action.status.errorState.message = '<img src=x> **bold** [link](http://e)';
    const tooltip = taskActionTooltip(action, OPTIONS);
    expect(tooltip).toContain('\\<img src=x\\> \\*\\*bold\\*\\* \\[link\\]\\(http://e\\)');
    expect(markdownText('a|b\nc')).toBe('a\\|b c');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`a')).toBe('`` `a ``');
  });
});
