/** Where in the user's input a problem was found. Every part is optional; adapters print what is known. */
export interface InputLocation {
  file?: string;
  /** 0-based index of the YAML document in a multi-document stream. */
  document?: number;
  /** 1-based line and column. */
  line?: number;
  column?: number;
  /** `Kind/name` of the object the problem is in. */
  object?: string;
  /** Dotted path of the field, e.g. `spec.containers[1].command`. */
  field?: string;
}

/**
 * A mistake in the user's input or request: shown as a one-line message with its location, never with a
 * stack trace. `hint` says what to do about it.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly location: InputLocation = {},
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Several user errors found in one pass, reported together so the user can fix them all at once. */
export class UserErrors extends Error {
  override readonly name = 'UserErrors';
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** `file:line:column (document N, Pod/x, field f)` with the parts that are known. */
export function formatLocation(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) {
    let where = loc.file;
    if (loc.line !== undefined) where += `:${loc.line}`;
    if (loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
    parts.push(where);
  } else if (loc.line !== undefined) {
    parts.push(`line ${loc.line}${loc.column !== undefined ? `, column ${loc.column}` : ''}`);
  }
  const details: string[] = [];
  if (loc.document !== undefined) details.push(`document ${loc.document + 1}`);
  if (loc.object !== undefined) details.push(loc.object);
  if (loc.field !== undefined) details.push(`field ${loc.field}`);
  if (details.length > 0) parts.push(parts.length > 0 ? `(${details.join(', ')})` : details.join(', '));
  return parts.join(' ');
}

/** The full one-line (plus hint) text of a user error. */
export function formatUserError(err: UserError): string {
  const where = formatLocation(err.location);
  const text = where ? `${where}: ${err.message}` : err.message;
  return err.hint ? `${text}\n  hint: ${err.hint}` : text;
}

// Type guards by name, not `instanceof`: the CLI loads commands from separate bundles, each with its own copy
// of these classes.
export function isUserError(err: unknown): err is UserError {
  return err instanceof Error && err.name === 'UserError';
}

export function isUserErrors(err: unknown): err is UserErrors {
  return err instanceof Error && err.name === 'UserErrors';
}
