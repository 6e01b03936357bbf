// How replicas that execute every namespace divide the namespaces between them: each takes at most its fair share
// of the namespaces' Leases, and one with more than its share hands one over while another replica has less.

/** The most namespaces one of `replicas` replicas should lead: all of them rounded up, so every one is covered. */
export function fairShare(namespaces: number, replicas: number): number {
  return Math.ceil(namespaces / Math.max(1, replicas));
}

/**
 * Whether to take a namespace's Lease that nobody holds: below the fair share, yes; at or above it, only once the
 * Lease has been left unheld for a whole lease duration (no replica with room took it: the namespace must not go
 * unexecuted because the count of replicas is stale).
 */
export function mayTakeNamespace(held: number, share: number, unheldForMs: number, leaseDurationMs: number): boolean {
  return held < share || unheldForMs >= leaseDurationMs;
}

/**
 * The namespace to hand over now, if any: this replica leads more than its share and another live replica leads
 * fewer than its share, so handing one over moves it there (rather than back and forth). The last in name order,
 * so a replica keeps a stable set.
 */
export function namespaceToHandOver(options: {
  self: string;
  led: readonly string[];
  share: number;
  alive: readonly string[];
  /** How many namespaces each identity holds, as last seen in the namespaces' Leases. */
  holdings: ReadonlyMap<string, number>;
}): string | undefined {
  const { self, led, share, alive, holdings } = options;
  if (led.length <= share) return undefined;
  const roomElsewhere = alive.some((identity) => identity !== self && (holdings.get(identity) ?? 0) < share);
  return roomElsewhere ? [...led].sort().at(-1) : undefined;
}
