import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../shared/errors/api-error.js';
import { KubeConnectionError } from '../../../shared/errors/connection-error.js';
import { UserError, UserErrors } from '../../../shared/errors/user-error.js';
import { toConnectError } from '../../../shared/queue/service/connect-error.js';
import { requestFieldNames } from '../../../shared/queue/service/request-fields.js';

describe('toConnectError', () => {
  it.each([
    [400, 'BadRequest', Code.InvalidArgument],
    [422, 'Invalid', Code.InvalidArgument],
    [404, 'NotFound', Code.NotFound],
    [409, 'AlreadyExists', Code.AlreadyExists],
    [409, 'Conflict', Code.Aborted],
    [403, 'Forbidden', Code.PermissionDenied],
    [401, 'Unauthorized', Code.Unauthenticated],
    [413, 'RequestEntityTooLarge', Code.ResourceExhausted],
    [429, 'TooManyRequests', Code.ResourceExhausted],
    [500, 'InternalError', Code.Unavailable],
    [503, 'ServiceUnavailable', Code.Unavailable],
    [504, 'Timeout', Code.DeadlineExceeded],
    // Unknown reasons fall back to the HTTP status.
    [403, 'SomethingNew', Code.PermissionDenied],
    [502, 'Unknown', Code.Unavailable],
    [418, 'Teapot', Code.FailedPrecondition],
  ])('maps HTTP %i %s from the API server to %s, never internal', (status, reason, code) => {
    const err = toConnectError(new KubeApiError(status, reason, 'what the server said'));
    expect(err.code).toBe(code);
    expect(err.rawMessage).toBe(`Error from server (${reason}): what the server said`);
  });

  it('keeps the field causes of an Invalid answer in the message', () => {
    const err = toConnectError(
      new KubeApiError(422, 'Invalid', 'TaskAction "x" is invalid', [{ field: 'spec.runName', message: 'Too long: may not be longer than 30' }]),
    );
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toContain('spec.runName: Too long: may not be longer than 30');
  });

  it('says how to fix a missing CRD', () => {
    const err = toConnectError(new KubeApiError(404, 'NotFound', 'the server could not find the requested resource'));
    expect(err.code).toBe(Code.NotFound);
    expect(err.rawMessage).toContain('kubectl kueue install');
  });

  it('maps an unreachable API server to unavailable', () => {
    const err = toConnectError(new KubeConnectionError('https://10.0.0.1:6443', 'connect ECONNREFUSED 10.0.0.1:6443'));
    expect(err.code).toBe(Code.Unavailable);
    expect(err.rawMessage).toMatch(/^Unable to connect to the server https:\/\/10\.0\.0\.1:6443: connect ECONNREFUSED/);
  });

  it('recognises errors from another bundle by name, not by class', () => {
    const foreign = Object.assign(new Error('Unable to connect to the server x: timeout'), { name: 'KubeConnectionError' });
    expect(toConnectError(foreign).code).toBe(Code.Unavailable);
    const api = Object.assign(new Error('denied'), { name: 'KubeApiError', code: 403, reason: 'Forbidden', causes: [] });
    expect(toConnectError(api).code).toBe(Code.PermissionDenied);
  });

  it('maps user errors to invalid_argument in request field names, with their hints', () => {
    const one = toConnectError(new UserError('spec.runName must not be empty', { field: 'spec.runName' }, 'give the run name'), requestFieldNames('run_id'));
    expect(one.code).toBe(Code.InvalidArgument);
    expect(one.rawMessage).toBe('run_id.name must not be empty; give the run name');
    const many = toConnectError(new UserErrors([new UserError('spec.org must not be empty'), new UserError('spec.actionName must not be empty')]));
    expect(many.rawMessage).toBe('action_id.run.org must not be empty\naction_id.name must not be empty');
  });

  it('passes Connect errors through and keeps internal for programming errors only', () => {
    const connect = new ConnectError('nope', Code.Unimplemented);
    expect(toConnectError(connect)).toBe(connect);
    const bug = toConnectError(new TypeError("Cannot read properties of undefined (reading 'run')"));
    expect(bug.code).toBe(Code.Internal);
    expect(bug.rawMessage).toMatch(/^internal error: Cannot read properties/);
  });
});
