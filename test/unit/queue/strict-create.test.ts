import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../shared/errors/api-error.js';
import { undeclaredSpecFields } from '../../../shared/queue/strict-create.js';

describe('undeclaredSpecFields', () => {
  it('reads the spec fields a Strict write was refused for', () => {
    const err = new KubeApiError(400, 'BadRequest', 'TaskAction in version "v1" cannot be handled as a TaskAction: strict decoding error: unknown field "spec.envVars", unknown field "spec.interruptible"');
    expect(undeclaredSpecFields(err)).toEqual(['envVars', 'interruptible']);
  });

  it('leaves every other answer to the caller', () => {
    expect(undeclaredSpecFields(new KubeApiError(400, 'BadRequest', 'strict decoding error: unknown field "metadata.bogus"'))).toBeUndefined();
    expect(undeclaredSpecFields(new KubeApiError(422, 'Invalid', 'spec.org: Required value'))).toBeUndefined();
    expect(undeclaredSpecFields(new Error('strict decoding error: unknown field "spec.org"'))).toBeUndefined();
  });
});
