import { describe, expect, it } from 'vitest';
import { outputLogger } from '../../../../extension/src/executor/output-logger.js';
import { errorText } from '../../../../extension/src/cluster/error-text.js';
import { KubeApiError } from '../../../../shared/errors/api-error.js';
import { UserError } from '../../../../shared/errors/user-error.js';

describe('outputLogger', () => {
  it('writes the engine log as time, level, message and key=value fields, quoting what needs it; no debug', () => {
    const lines: string[] = [];
    const logger = outputLogger({ appendLine: (line) => lines.push(line) }, () => new Date('2026-03-01T10:00:00.000Z'));
    logger.info('caches synced', { namespace: 'flyte', taskActions: 3 });
    logger.warn('watch failed, retrying', { error: 'connect ECONNREFUSED 1.2.3.4:6443', retryInMs: 400, skipped: undefined });
    logger.debug('noise', {});
    expect(lines).toEqual([
      '2026-03-01T10:00:00.000Z info  caches synced namespace=flyte taskActions=3',
      '2026-03-01T10:00:00.000Z warn  watch failed, retrying error="connect ECONNREFUSED 1.2.3.4:6443" retryInMs=400',
    ]);
  });
});

describe('errorText', () => {
  it('words API errors as kubectl does, on one line', () => {
    const err = new KubeApiError(422, 'Invalid', 'TaskAction "x" is invalid', [{ field: 'spec.runName', message: 'too long' }]);
    expect(errorText(err)).toBe('Error from server (Invalid): TaskAction "x" is invalid; spec.runName: too long');
  });

  it('puts a user error\'s location first and its hint in parentheses', () => {
    expect(errorText(new UserError('a run name is needed', { file: 'pod.yaml', line: 3 }, 'give --run NAME'))).toBe('pod.yaml:3: a run name is needed (give --run NAME)');
    expect(errorText(new UserError('no kubeconfig'))).toBe('no kubeconfig');
    expect(errorText('plain')).toBe('plain');
  });
});
