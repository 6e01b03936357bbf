import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeaderElector } from '../../../shared/executor/leader-election.js';
import { type Lease } from '../../../shared/executor/lease-record.js';
import { SILENT_LOGGER } from '../../../shared/executor/executor-logger.js';
import { LEASES } from '../../../shared/kube/resource-type.js';
import { PartitionableClient } from './partitionable-client.js';

const TIMING = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

interface Elected {
  elector: LeaderElector;
  /** Fake-clock times at which leadership started and stopped. */
  started: number[];
  stopped: number[];
}

function elect(client: PartitionableClient, identity: string): Elected {
  const started: number[] = [];
  const stopped: number[] = [];
  const elector = new LeaderElector({
    client,
    namespace: 'ns',
    name: 'lease',
    identity,
    ...TIMING,
    onStartedLeading: () => started.push(Date.now()),
    onStoppedLeading: () => stopped.push(Date.now()),
    logger: SILENT_LOGGER,
  });
  return { elector, started, stopped };
}

describe('a leader cut off from the API server', () => {
  let client: PartitionableClient;
  const running: LeaderElector[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    client = new PartitionableClient('ns');
  });

  afterEach(async () => {
    client.cut = false;
    await Promise.all(running.splice(0).map(async (e) => {
      const stopping = e.stop();
      await vi.runAllTimersAsync();
      await stopping;
    }));
    vi.useRealTimers();
  });

  async function leader(identity = 'a'): Promise<Elected> {
    const elected = elect(client, identity);
    running.push(elected.elector);
    elected.elector.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(elected.elector.isLeader).toBe(true);
    return elected;
  }

  it('stops leading at the renew deadline although its renewal never returns', async () => {
    const a = await leader();
    // A few renewals go through, then every request hangs without an answer or an error.
    await vi.advanceTimersByTimeAsync(4_100);
    // Renewals start every retry period from the first at 1_000_000.
    const lastRenewalStart = 1_000_000 + 2 * TIMING.retryPeriodMs;
    client.cut = true;
    await vi.advanceTimersByTimeAsync(TIMING.renewDeadlineMs - 200);
    expect(a.elector.isLeader).toBe(true);
    expect(a.stopped).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(a.elector.isLeader).toBe(false);
    expect(a.stopped).toHaveLength(1);
    // At the deadline counted from when the last successful renewal was sent, not later.
    expect(a.stopped[0]).toBe(lastRenewalStart + TIMING.renewDeadlineMs);
  });

  it('knows by the clock that it may no longer act, before any timer has fired (a process frozen and resumed)', async () => {
    const a = await leader();
    expect(a.elector.leadershipDeadlineMs).toBe(1_000_000 + TIMING.renewDeadlineMs);
    // The clock jumps past the deadline while no timer runs: what SIGSTOP and SIGCONT look like to the process.
    vi.setSystemTime(Date.now() + TIMING.renewDeadlineMs);
    expect(a.elector.isLeader).toBe(false);
    expect(a.stopped).toEqual([]);
    // When the loop runs again it ends leadership before a renewal can extend it, then campaigns anew.
    await vi.advanceTimersByTimeAsync(TIMING.retryPeriodMs);
    expect(a.stopped).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(TIMING.retryPeriodMs * 2);
    expect(a.started).toHaveLength(2);
    expect(a.elector.isLeader).toBe(true);
  });

  it('campaigns again when the network comes back, and leads again if nobody took the lease', async () => {
    const a = await leader();
    client.cut = true;
    await vi.advanceTimersByTimeAsync(TIMING.renewDeadlineMs + 100);
    expect(a.stopped).toHaveLength(1);
    client.cut = false;
    await vi.advanceTimersByTimeAsync(TIMING.retryPeriodMs * 4);
    expect(a.elector.isLeader).toBe(true);
    expect(a.started).toHaveLength(2);
  });

  it('does not take back the lease another executor took while it was cut off', async () => {
    const a = await leader('a');
    const bClient = new PartitionableClient('ns', client.store);
    const b = elect(bClient, 'b');
    running.push(b.elector);
    b.elector.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(b.elector.isLeader).toBe(false);

    // Only a is cut off: it stops at its renew deadline, b takes over once the lease has expired.
    client.cut = true;
    await vi.advanceTimersByTimeAsync(TIMING.renewDeadlineMs + 100);
    expect(a.stopped).toHaveLength(1);
    expect(b.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(TIMING.leaseDurationMs);
    expect(b.elector.isLeader).toBe(true);
    expect(b.started[0]).toBeGreaterThanOrEqual((a.stopped[0] ?? 0) + TIMING.leaseDurationMs - TIMING.renewDeadlineMs);

    client.cut = false;
    await vi.advanceTimersByTimeAsync(TIMING.leaseDurationMs * 2);
    expect(a.elector.isLeader).toBe(false);
    expect(a.started).toHaveLength(1);
    expect((await client.store.get<Lease>(LEASES, 'ns', 'lease')).spec?.holderIdentity).toBe('b');
  });

  it('stops in bounded time when the server hangs: the attempt in flight, then the release, each cut off', async () => {
    const a = elect(client, 'a');
    a.elector.start();
    await vi.advanceTimersByTimeAsync(10);
    client.cut = true;
    const stopping = a.elector.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(TIMING.renewDeadlineMs * 2);
    expect(stopped).toBe(true);
    expect(a.stopped).toHaveLength(1);
  });
});

describe('sharing leases between replicas', () => {
  let client: PartitionableClient;
  const running: LeaderElector[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    client = new PartitionableClient('ns');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map(async (e) => {
      const stopping = e.stop();
      await vi.runAllTimersAsync();
      await stopping;
    }));
    vi.useRealTimers();
  });

  function gated(identity: string, mayAcquire: (unheldForMs: number) => boolean, shared = client): Elected {
    const started: number[] = [];
    const stopped: number[] = [];
    const elector = new LeaderElector({
      client: shared,
      namespace: 'ns',
      name: 'lease',
      identity,
      ...TIMING,
      mayAcquire,
      onStartedLeading: () => started.push(Date.now()),
      onStoppedLeading: () => stopped.push(Date.now()),
      logger: SILENT_LOGGER,
    });
    running.push(elector);
    elector.start();
    return { elector, started, stopped };
  }

  it('leaves a lease nobody holds alone while its gate says no, and takes it once the gate allows', async () => {
    const asked: number[] = [];
    const a = gated('a', (unheldForMs) => {
      asked.push(unheldForMs);
      return unheldForMs >= 5_000;
    });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(a.elector.isLeader).toBe(false);
    await expect(client.store.get(LEASES, 'ns', 'lease')).rejects.toThrow(/not found/);
    // A standby tries every 2 s plus up to 20% jitter: its fourth try (the first at 5 s or later) comes by 7.2 s.
    await vi.advanceTimersByTimeAsync(3_500);
    expect(a.elector.isLeader).toBe(true);
    // Counted from the first time it saw the lease unheld.
    expect(asked[0]).toBe(0);
    expect(asked.at(-1)).toBeGreaterThanOrEqual(5_000);
  });

  it('hands the lease over: it stops leading, releases the lease, and another replica takes it at once', async () => {
    let aMayTake = true;
    const a = gated('a', () => aMayTake);
    await vi.advanceTimersByTimeAsync(10);
    expect(a.elector.isLeader).toBe(true);
    const b = gated('b', () => true, new PartitionableClient('ns', client.store));
    await vi.advanceTimersByTimeAsync(TIMING.retryPeriodMs * 2);
    expect(b.elector.isLeader).toBe(false);

    aMayTake = false;
    const handedAt = Date.now();
    a.elector.handOver();
    await vi.advanceTimersByTimeAsync(10);
    expect(a.elector.isLeader).toBe(false);
    expect(a.elector.holds).toBe(false);
    expect(a.stopped).toEqual([handedAt]);
    // b sees the empty holder at its next attempt: no waiting for the lease to expire.
    await vi.advanceTimersByTimeAsync(TIMING.retryPeriodMs * 1.3);
    expect(b.elector.isLeader).toBe(true);
    expect((await client.store.get<Lease>(LEASES, 'ns', 'lease')).spec?.holderIdentity).toBe('b');
    await vi.advanceTimersByTimeAsync(TIMING.leaseDurationMs * 2);
    expect(a.started).toHaveLength(1);
  });
});
