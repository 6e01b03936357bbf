import { forbiddenHint } from './rbac-hint.js';

/** One field-level cause from a Kubernetes `Status` (for Invalid objects). */
export interface ApiErrorCause {
  field?: string;
  message?: string;
  reason?: string;
}

/**
 * An error answered by the Kubernetes API server, reduced to what kubectl shows: the HTTP code, the
 * Status reason (`NotFound`, `Forbidden`, `Invalid`, ...), its message and field causes.
 */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly causes: ApiErrorCause[] = [],
  ) {
    super(message);
  }
}

/** kubectl's format: `Error from server (NotFound): taskactions.flyte.org "x" not found`. */
export function formatApiError(err: KubeApiError, options: { roleHint?: boolean } = {}): string {
  const head = `Error from server (${err.reason}): ${err.message}`;
  // The Status message of an Invalid object already lists its causes; add them only when it does not.
  const extra = err.causes.filter((c) => c.message && !err.message.includes(c.message));
  const lines = [head, ...extra.map((c) => `  ${c.field ? `${c.field}: ` : ''}${c.message}`)];
  // A caller that knows better which role fits (e.g. `signal`) gives its own hint instead.
  const hint = err.reason === 'Forbidden' && options.roleHint !== false ? forbiddenHint(err.message) : undefined;
  if (hint) lines.push(`  hint: ${hint}`);
  return lines.join('\n');
}

/** By name, not `instanceof`: separately bundled commands carry their own copy of the class. */
export function isKubeApiError(err: unknown): err is KubeApiError {
  return err instanceof Error && err.name === 'KubeApiError';
}
