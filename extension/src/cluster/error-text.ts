import { errorMessage, formatApiError, formatUserError, isKubeApiError, isUserError, isUserErrors } from '../../../shared/errors/index.js';

/**
 * A failure in the words the CLI uses for it (`Error from server (NotFound): ...`, `file:line: message`), on one
 * line for notifications; never a stack trace.
 */
export function errorText(err: unknown): string {
  if (isKubeApiError(err)) return formatApiError(err).replace(/\n\s*/g, '; ');
  if (isUserError(err)) return formatUserError(err).replace(/\n\s*hint: /, ' (').replace(/$/, err.hint ? ')' : '');
  if (isUserErrors(err)) return err.errors.map((e) => formatUserError(e).split('\n')[0]).join('; ');
  return errorMessage(err);
}
