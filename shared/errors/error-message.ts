/** The text of anything thrown: an Error's message, else its string form. The one place that decides this. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Anything thrown as an Error, so callers that keep or rethrow it need not check. */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
