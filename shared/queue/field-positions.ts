import { type InputLocation, isUserError, isUserErrors, UserError, UserErrors } from '../errors/index.js';

/** Where a field path (`spec.containers[0].command`) of a document is in its file; undefined when unknown. */
export type FieldLocator = (field: string) => { line: number; column: number } | undefined;

/** `location` with the line and column of its field, when the document can say where that is. */
export function positioned(location: InputLocation, locate: FieldLocator | undefined): InputLocation {
  if (locate === undefined || location.field === undefined) return location;
  const position = locate(location.field);
  return position === undefined ? location : { ...location, ...position };
}

/** Runs `build`, giving the user errors it throws the line and column of their field, as `convert` reports them. */
export function withFieldPositions<T>(locate: FieldLocator | undefined, build: () => T): T {
  const relocate = (err: UserError): UserError => new UserError(err.message, positioned(err.location, locate), err.hint);
  try {
    return build();
  } catch (err) {
    if (isUserError(err)) throw relocate(err);
    if (isUserErrors(err)) throw new UserErrors(err.errors.map(relocate));
    throw err;
  }
}
