import { type InputLocation, isUserError, isUserErrors, UserError, UserErrors } from '../errors/index.js';

/** Where a field path (`spec.containers[0].command`) of a document is in its file; undefined when unknown. */
export type FieldLocator = (field: string) => { line: number; column: number } | undefined;

/** `location` with the line and column of its field, when the document can say where that is. */
export function positioned(location: InputLocation, locate: FieldLocator | undefined): InputLocation {
  if (locate === undefined || location.field === undefined) return location;
  const position = locate(location.field);
  return position === undefined ? location : { ...location, ...position };
}

/** Runs `build`, re-throwing each user error it throws (one, or several at once) as `change` makes it. */
export function changingUserErrors<T>(change: (err: UserError) => UserError, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (isUserError(err)) throw change(err);
    if (isUserErrors(err)) throw new UserErrors(err.errors.map(change));
    throw err;
  }
}

/** Runs `build`, giving the user errors it throws the line and column of their field, as `convert` reports them. */
export function withFieldPositions<T>(locate: FieldLocator | undefined, build: () => T): T {
  return changingUserErrors((err) => new UserError(err.message, positioned(err.location, locate), err.hint), build);
}
