import { type ClusterAvailability, acquireTestCluster } from './test-cluster.js';
import { type TestCrd } from './test-crd.js';

interface Shared {
  availability: Promise<ClusterAvailability>;
  users: number;
}

// Vitest runs every project's global setup in the one runner process, each in its own module graph: the state
// lives on globalThis so the cluster and UI projects find the same control plane.
const keyOf = (crd: TestCrd) => Symbol.for(`kueue.sharedTestCluster.${crd}`);
const slot = globalThis as unknown as Record<symbol, Shared | undefined>;

/**
 * The test cluster, started once per runner process however many projects ask for it (the cluster suites and the
 * UI suites share one control plane; two would also clash in the run registry, which is keyed by the runner's pid).
 * Each caller gets a release function; the cluster stops when the last one releases it. Projects that ask for
 * different TaskAction CRDs get different control planes.
 */
export async function shareTestCluster(log: (line: string) => void, crd: TestCrd): Promise<{ availability: ClusterAvailability; release: () => Promise<void> }> {
  const KEY = keyOf(crd);
  let shared = slot[KEY];
  if (shared === undefined) {
    shared = { availability: acquireTestCluster(log, crd), users: 0 };
    slot[KEY] = shared;
  }
  shared.users += 1;
  const current = shared;
  let availability: ClusterAvailability;
  try {
    availability = await current.availability;
  } catch (err) {
    current.users -= 1;
    if (current.users === 0) slot[KEY] = undefined;
    throw err;
  }
  let released = false;
  return {
    availability,
    release: async () => {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users > 0) return;
      slot[KEY] = undefined;
      if (availability.available) await availability.cluster.stop();
    },
  };
}
