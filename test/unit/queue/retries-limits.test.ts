import { describe, expect, it } from 'vitest';
import { firstUserError } from '../../helpers/catch-user-errors.js';
import { actionsFromManifest } from '../../../shared/queue/actions-from-manifest.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { MAX_RETRIES } from '../../../shared/task-action/task-template-options.js';
import { viewTaskTemplate } from '../../../shared/task-action/task-template-view.js';

const defaults = { org: 'o', project: 'p', domain: 'd' };
const at = { file: 'run.yaml', document: 0, line: 7 };

function manifest(taskTemplate: Record<string, unknown>) {
  return [{ value: { apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a', taskTemplate } }, location: at }];
}

describe('retries are bounded and type-checked', () => {
  it('refuses a quoted retries count with the file, line and field instead of ignoring it', () => {
    const error = firstUserError(() => actionsFromManifest(manifest({ retries: '3', container: { image: 'busybox' } }), defaults));
    expect(error.message).toBe('spec.taskTemplate.retries must be a number, not "3"');
    expect(error.location).toMatchObject({ file: 'run.yaml', line: 7, field: 'spec.taskTemplate.retries' });
    expect(error.hint).toMatch(/without quotes/);
  });

  it('refuses a timeoutSeconds or type of the wrong type', () => {
    expect(firstUserError(() => actionsFromManifest(manifest({ timeoutSeconds: '30', container: { image: 'busybox' } }), defaults)).message).toMatch(
      /timeoutSeconds must be a number/,
    );
    expect(firstUserError(() => actionsFromManifest(manifest({ type: 3, container: { image: 'busybox' } }), defaults)).message).toMatch(/type must be a string/);
  });

  it(`refuses more than ${MAX_RETRIES} retries, with the location`, () => {
    const error = firstUserError(() => actionsFromManifest(manifest({ retries: 1_000_000_000, container: { image: 'busybox' } }), defaults));
    expect(error.message).toBe(`retries must be a whole number from 0 to ${MAX_RETRIES}, not 1000000000`);
    expect(error.location).toMatchObject({ file: 'run.yaml' });
    expect(() => actionsFromManifest(manifest({ retries: MAX_RETRIES, container: { image: 'busybox' } }), defaults)).not.toThrow();
  });

  it('caps the attempts of a template written by another client', () => {
    const template = containerTaskTemplate({ image: 'busybox', retries: 0 });
    if (template.metadata?.retries === undefined) throw new Error('no retries in the template');
    template.metadata.retries.retries = 1_000_000_000;
    expect(viewTaskTemplate(template).maxAttempts).toBe(MAX_RETRIES + 1);
  });
});
