import { UserError } from '../errors/index.js';

/**
 * Why a signal was refused, as Flyte's service distinguishes it: a value of the wrong kind (`invalid`), no such
 * action (`not-found`), or an action that cannot take it now (`precondition`: not a condition, finished, or
 * signalled with another value). Each maps to its own RPC code.
 */
export type SignalRefusalKind = 'invalid' | 'not-found' | 'precondition';

export class SignalRefusal extends UserError {
  constructor(
    readonly kind: SignalRefusalKind,
    message: string,
    object: string,
    hint?: string,
  ) {
    super(message, { object, field: kind === 'invalid' ? 'value' : undefined }, hint);
  }
}
