/** The answer to a resource allocation request (port of `core.AllocationStatus`). */
export enum AllocationStatus {
  /** Returned along with an error. */
  Undefined = 0,
  /** Go ahead. */
  Granted = 1,
  /** No capacity left in the resource's pool. */
  Exhausted = 2,
  /** The pool has capacity, but the requester's project or namespace used up its share. */
  NamespaceQuotaExceeded = 3,
}

const NAMES = ['AllocationUndefined', 'Granted', 'Exhausted', 'NamespaceQuotaExceeded'];
const BY_NAME = new Map<string, AllocationStatus>(NAMES.map((name, value) => [name, value as AllocationStatus]));

/** Go's `String()` (enumer with the `AllocationStatus` prefix trimmed): `Granted`, `AllocationUndefined`, ... */
export function allocationStatusToString(status: AllocationStatus): string {
  return (Number.isInteger(status) ? NAMES[status] : undefined) ?? `AllocationStatus(${status})`;
}

export function allocationStatusFromString(name: string): AllocationStatus {
  const status = BY_NAME.get(name);
  if (status === undefined) throw new Error(`${name} does not belong to AllocationStatus values`);
  return status;
}
