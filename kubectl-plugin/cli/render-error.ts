import { formatApiError, formatUserError, isKubeApiError, isUserError, isUserErrors } from '../../shared/errors/index.js';

/**
 * Renders any error the way kubectl does: `error: ...` for client-side problems, `Error from server
 * (Reason): ...` for API errors. Stack traces only with KUEUE_DEBUG=1: users never need them.
 */
export function renderError(err: unknown): string {
  if (isKubeApiError(err)) return formatApiError(err);
  if (isUserErrors(err)) return err.errors.map((e) => `error: ${formatUserError(e)}`).join('\n');
  if (isUserError(err)) return `error: ${formatUserError(err)}`;
  if (err instanceof Error) {
    const debug = process.env['KUEUE_DEBUG'] === '1' && err.stack ? `\n${err.stack}` : '';
    return `error: ${err.message}${debug}`;
  }
  return `error: ${String(err)}`;
}
