import { UserError, UserErrors } from '../../shared/errors/user-error.js';

/** The user errors `action` throws; fails the test when it throws nothing or something else. */
export function catchUserErrors(action: () => unknown): UserError[] {
  try {
    action();
  } catch (err) {
    if (err instanceof UserErrors) return err.errors;
    if (err instanceof UserError) return [err];
    throw err;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

/** The first user error `action` throws (the only one, for checks that stop at the first problem). */
export function firstUserError(action: () => unknown): UserError {
  const [first] = catchUserErrors(action);
  if (!first) throw new Error('expected a UserError');
  return first;
}
