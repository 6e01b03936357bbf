import { UserError, UserErrors } from '../errors/index.js';
import { type FieldPath, formatFieldPath } from './field-path.js';

/**
 * Collects every problem of one object so the user sees them all at once, each with the object and the
 * field it is about; the document layer later adds file, document, line and column.
 */
export class ProblemCollector {
  private readonly errors: UserError[] = [];

  constructor(readonly object: string) {}

  add(message: string, field: FieldPath, hint?: string): void {
    this.errors.push(new UserError(message, { object: this.object, field: formatFieldPath(field) }, hint));
  }

  get count(): number {
    return this.errors.length;
  }

  throwIfAny(): void {
    throwUserErrors(this.errors);
  }
}

/** One error is thrown as itself, several as `UserErrors`; nothing happens for none. */
export function throwUserErrors(errors: readonly UserError[]): void {
  if (errors.length === 1 && errors[0]) throw errors[0];
  if (errors.length > 1) throw new UserErrors([...errors]);
}

/** The individual errors of whatever `throwUserErrors` threw. */
export function userErrorsOf(err: unknown): UserError[] | undefined {
  if (err instanceof UserErrors) return err.errors;
  if (err instanceof UserError) return [err];
  return undefined;
}
