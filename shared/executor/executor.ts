import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { errorMessage, isKubeApiError, isLeadershipLost } from '../errors/index.js';
import { Informer, keyOf, type KubeClient, type KubeObject, objectKey, splitObjectKey, withRequestTimeout, withoutManagedFields } from '../kube/index.js';
import { InMemoryResourceManager, Phase, phaseToString, type PluginEntry, PluginRegistry, type PluginKubeClient, type SetupContext } from '../plugins/index.js';
import { type RetentionSweep } from '../runs/index.js';
import { isTerminal, pendingRetryRequest, type TaskAction, TASKACTION_KIND, TASKACTIONS } from '../task-action/index.js';
import { cacheFirstClient } from './cache-first-client.js';
import { EventRecorder } from './event-recorder.js';
import { DEFAULT_CONCURRENCY, DEFAULT_LEASE_NAME, DEFAULT_MAX_SYSTEM_FAILURES, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RESYNC_MS, DEFAULT_RETRY_BACKOFF_MAX_MS, DEFAULT_RETRY_BACKOFF_MS } from './executor-defaults.js';
import { type ExecutorStats, countActions } from './executor-stats.js';
import { type ExecutorLogger, SILENT_LOGGER } from './executor-logger.js';
import { fencedClient } from './fenced-client.js';
import { hasPluginFinalizer } from './finalizers.js';
import { type Leadership } from './leadership.js';
import { type LeadershipTerm } from './leadership-term.js';
import { NamespaceLeases } from './namespace-leases.js';
import { caughtUp, fresher, newerThan } from './object-freshness.js';
import { type OwnedChange, type OwnerRef, OwnedObjectWatches } from './owned-object-watches.js';
import { Reconciler } from './reconciler.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { SingleLeaseLeadership } from './single-lease-leadership.js';
import { type TransitionEvent } from './transition-event.js';
import { UpstreamTracker } from './upstream-tracker.js';
import { type Urgency, WorkQueue } from './work-queue.js';

const WAITING_FOR_RESOURCES = phaseToString(Phase.WaitingForResources);

export interface ExecutorOptions {
  client: KubeClient;
  /** The namespace whose TaskActions to execute; undefined: every namespace. */
  namespace?: string;
  /** Only the TaskActions matching this label selector (default: all), so that executors can split the work by label. */
  labelSelector?: string;
  /** TaskActions reconciled at once (default 16). */
  concurrency?: number;
  /** Every TaskAction still in progress is reconciled at least this often, events or not (default 30 s). */
  resyncMs?: number;
  /** Take a Lease so only one executor acts (default true). */
  leaderElection?: boolean;
  leaseName?: string;
  /**
   * Where the one Lease lives (default: the executed namespace). An executor of every namespace without it takes
   * one Lease in each namespace that has TaskActions instead, so that replicas share the namespaces.
   */
  leaseNamespace?: string;
  /** Where replicas of an every-namespace executor register, to divide the namespaces (default: the client's namespace). */
  memberNamespace?: string;
  /** Holder identity in the Lease (default: host name, process id and a random suffix). */
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /**
   * The longest one API request may take (default 30 s; watches are not bounded by it, they have their own
   * watchdog). Lease requests are bounded more tightly, by the renew deadline.
   */
  requestTimeoutMs?: number;
  /**
   * Start the watches plugins ask for, and reconcile an action when an object it owns changes (default true); off,
   * progress is seen only at resyncs, like Flyte's 5 s polling.
   */
  watchPluginObjects?: boolean;
  /** Consecutive system errors tolerated per action (default 3). */
  maxSystemFailures?: number;
  /**
   * The wait before an action's second attempt after a retryable failure (default 10 s); each further attempt of
   * the round waits twice as long, up to `retryBackoffMaxMs` (default 5 min). 0 retries at once.
   */
  retryBackoffMs?: number;
  retryBackoffMaxMs?: number;
  /** The plugins that run tasks, by task type: the adapters choose them, the engine knows none of its own. */
  plugins: PluginEntry[];
  /** Record Kubernetes Events on TaskActions (default true). */
  recordEvents?: boolean;
  logger?: ExecutorLogger;
  /** Called for every new entry of a TaskAction's phase history this executor writes. */
  onTransition?: (event: TransitionEvent) => void;
  /** Called when this instance starts or stops acting. */
  onLeadershipChange?: (leading: boolean) => void;
  /** Called after every reconcile of one TaskAction, with how long it took and whether it failed (for metrics). */
  onReconciled?: (durationMs: number, failed: boolean) => void;
  /** A reconcile starts after waiting in the work queue this long, at this urgency (`first`: recording an end). */
  onQueueWait?: (waitedMs: number, urgency: Urgency) => void;
  /** Delete finished runs this long after they ended, while leading (default 0: keep them for ever). */
  retainMs?: number;
  /** How often to look for runs past `retainMs` (default 10 minutes), and once on taking the lead. */
  retainIntervalMs?: number;
  /** Told after every retention sweep that deleted something. */
  onRetentionSweep?: (sweep: RetentionSweep) => void;
}

/** Errors no retry fixes (the CRD is not installed, RBAC forbids listing): `start` fails with them. */
function isFatalListError(err: unknown): boolean {
  return isKubeApiError(err) && (err.code === 401 || err.code === 403 || err.code === 404);
}

/** Whether a TaskAction needs this executor: not finished, finished but still holding our finalizer, or asked to retry. */
function needsWork(action: TaskAction): boolean {
  if (action.metadata.deletionTimestamp === undefined && pendingRetryRequest(action) !== undefined) return true;
  if (action.metadata.deletionTimestamp !== undefined || isTerminal(action)) return hasPluginFinalizer(action);
  return true;
}

/**
 * What a round of one action has seen: the newest version of the action it read or wrote, and the newest watch
 * event of it that arrived while it ran, which is weighed when the round ends.
 */
interface RoundView {
  seen: TaskAction | undefined;
  event: TaskAction | undefined;
}

/**
 * Work already under way, which goes before new actions: an attempt started (its plugin finalizer is on, so what
 * the plugin runs exists) or a deletion. Recording a finished attempt then never waits behind a backlog of new
 * actions.
 */
function isUnderWay(action: TaskAction | undefined): boolean {
  return action !== undefined && (action.metadata.deletionTimestamp !== undefined || hasPluginFinalizer(action));
}

/**
 * The TaskAction executor: watches TaskActions and what its plugins asked to watch (the objects they create),
 * reconciles each action whenever it or one of its objects changes (a keyed work queue: one reconcile per action
 * at a time, `concurrency` actions in parallel), and resyncs every action in progress periodically as a safety
 * net, instead of polling every 5 seconds. Only the holder of the Lease acts; other instances keep their caches
 * warm and take over when the leader stops or dies. It knows no resource type of its own: plugins bring them.
 *
 * ```ts
 * const executor = new Executor({ client, namespace: 'flyte', plugins, onTransition: (t) => show(t) });
 * await executor.start();
 * executor.stats();
 * await executor.stop(); // finishes running reconciles, releases the Lease
 * ```
 */
export class Executor {
  readonly identity: string;
  private readonly client: KubeClient;
  private readonly actions: Informer<TaskAction>;
  private readonly watches: OwnedObjectWatches;
  private readonly queue: WorkQueue;
  private readonly written = new Map<string, TaskAction>();
  private readonly upstreams = new UpstreamTracker((key) => this.current(key));
  private readonly resources = new InMemoryResourceManager('kueue-executor');
  private readonly events: EventRecorder;
  private readonly leadership: Leadership;
  /** The reconciler of each term: its writes and its plugins' are fenced by that term. */
  private readonly reconcilers = new WeakMap<LeadershipTerm, Reconciler>();
  /**
   * Per namespace, in a new term: the actions that already hold plugin state (what they run holds a slot), which
   * are reconciled before any other action there may start, so they reclaim their slots first; and the others,
   * parked until then.
   */
  private readonly reclaiming = new Map<string, Set<string>>();
  private readonly parked = new Map<string, Set<string>>();
  private readonly knownNamespaces = new Set<string>();
  /** Actions whose plugin object has run its course since their last round began: that round goes first. */
  private readonly finishing = new Set<string>();
  /** The actions whose round runs now. */
  private readonly rounds = new Map<string, RoundView>();
  private readonly logger: ExecutorLogger;
  private readonly abort = new AbortController();
  private readonly idleWaiters = new Set<() => void>();
  private readonly retention: RetentionSweeper;
  private registry: PluginRegistry | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private leading = false;
  private started = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: ExecutorOptions) {
    this.client = withRequestTimeout(options.client, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    this.identity = options.identity ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.leadership = this.leadershipFor(options);
    // Background writes (retention, Events) belong to whichever term is current in their namespace when sent.
    const currentTermClient = fencedClient(this.client, (namespace) => this.currentTerm(namespace));
    this.actions = new Informer<TaskAction>(this.client, TASKACTIONS, {
      namespace: options.namespace,
      transform: withoutManagedFields,
      ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
    });
    this.watches = new OwnedObjectWatches({
      client: this.client,
      namespace: options.namespace,
      ownerKind: TASKACTION_KIND,
      enabled: options.watchPluginObjects !== false,
      onOwnedChange: (owner, change) => this.onOwnedChange(owner, change),
    });
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.queue = new WorkQueue({
      concurrency,
      // Half the workers take only work under way, so a finished attempt is recorded at once even while the others
      // are all busy starting a backlog of new actions (each waiting on the API server). Every action needs a round
      // to start and one to finish, each about two requests: with half each, finishing keeps up with starting (a
      // quarter did not, at 20,000 actions: finished -> Succeeded p99 12 s). Within them, rounds that record an
      // end go before those of work still starting or running (half of the urgent rounds under a backlog).
      reservedForUrgent: Math.floor(concurrency / 2),
      process: (key) => this.reconcileKey(key),
      onError: (key, err) => this.logger.error('reconcile crashed', { taskAction: key, error: errorMessage(err) }),
      onSettled: () => this.checkIdle(),
      onStart: (_key, waitedMs, urgency) => this.options.onQueueWait?.(waitedMs, urgency),
      urgencyOf: (key) => (this.finishing.has(key) ? 'first' : isUnderWay(this.current(key)) ? 'urgent' : 'ordinary'),
    });
    this.retention = new RetentionSweeper({
      client: currentTermClient,
      namespace: options.namespace,
      retainMs: options.retainMs ?? 0,
      leads: (namespace) => this.leadership.termFor(namespace).active,
      ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
      ...(options.retainIntervalMs !== undefined ? { intervalMs: options.retainIntervalMs } : {}),
      logger: this.logger,
      now: () => new Date(),
      ...(options.onRetentionSweep !== undefined ? { onSweep: options.onRetentionSweep } : {}),
    });
    this.events = new EventRecorder(currentTermClient, this.identity, this.logger, options.recordEvents !== false);
  }

  /** One Lease for what this executor serves, or, for every namespace without a Lease namespace, one per namespace. */
  private leadershipFor(options: ExecutorOptions): Leadership {
    const leaseName = options.leaseName ?? DEFAULT_LEASE_NAME;
    const timings = {
      ...(options.leaseDurationMs !== undefined ? { leaseDurationMs: options.leaseDurationMs } : {}),
      ...(options.renewDeadlineMs !== undefined ? { renewDeadlineMs: options.renewDeadlineMs } : {}),
      ...(options.retryPeriodMs !== undefined ? { retryPeriodMs: options.retryPeriodMs } : {}),
    };
    const listener = {
      onStarted: (namespace: string | undefined, term: LeadershipTerm) => this.startLeading(namespace, term),
      onStopped: (namespace: string | undefined) => this.stopLeading(namespace),
    };
    const leaderElection = options.leaderElection !== false;
    if (leaderElection && options.namespace === undefined && options.leaseNamespace === undefined) {
      return new NamespaceLeases({
        client: this.client,
        leaseName,
        memberNamespace: options.memberNamespace ?? this.client.namespace,
        identity: this.identity,
        namespaces: () => new Set(this.actions.list().map((action) => action.metadata.namespace ?? '')),
        logger: this.logger,
        ...timings,
      }, listener);
    }
    return new SingleLeaseLeadership({
      client: this.client,
      namespace: options.leaseNamespace ?? options.namespace ?? this.client.namespace,
      name: leaseName,
      identity: this.identity,
      leaderElection,
      logger: this.logger,
      ...timings,
    }, listener);
  }

  /** The term a background write in `namespace` belongs to; none for requests across namespaces. */
  private currentTerm(namespace: string | undefined): LeadershipTerm | undefined {
    if (namespace === undefined && this.leadership.namespacesLed !== undefined) return undefined;
    return this.leadership.termFor(namespace ?? '');
  }

  /** Loads the plugins, fills the caches and starts campaigning for the Lease. Fails if the caches cannot fill. */
  async start(): Promise<void> {
    if (this.started) throw new Error('the executor was already started');
    this.started = true;
    const setup: SetupContext = {
      enqueueOwner: (owner) => this.queue.add(keyOf(owner.namespace, owner.name)),
      watchOwned: (request) => this.watches.request(request),
      ownerKind: TASKACTION_KIND,
      kubeClient: this.pluginClient((namespace) => this.currentTerm(namespace)),
      resourceRegistrar: this.resources,
      logger: this.logger,
    };
    this.registry = await PluginRegistry.load(setup, this.options.plugins);
    // Stopped while the plugins loaded: start no watch that nothing would stop.
    if (this.stopping !== undefined) return;

    this.actions.addListener({
      onEvent: (type, action, previous) => {
        this.onActionEvent(type, action);
        // Actions waiting for this one look again when it appears, finishes or goes: no polling for ordering.
        for (const dependent of this.upstreams.observe(type, action, previous)) this.queue.add(dependent);
      },
      onSynced: () => this.checkIdle(),
    });
    const watches = this.watches.create();
    try {
      await Promise.all([this.waitForSync(this.actions, 'taskactions'), ...watches.map(({ name, informer }) => this.waitForSync(informer, name))]);
    } catch (err) {
      this.actions.stop();
      this.watches.stop();
      throw err;
    }
    if (this.stopping !== undefined) return;
    this.logger.info('caches synced', { namespace: this.options.namespace ?? '(all)', taskActions: this.actions.list().length });

    this.leadership.start();
  }

  /**
   * Stops acting: no new reconciles, running ones finish, the Lease is released (a standby takes over at once),
   * pending Events are sent, watches close. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** Resolves once every TaskAction is finished (and nothing of ours is left to clean up), or the executor stops. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  /** Acting now (in at least one namespace): leading, and the Lease's renew deadline has not passed. */
  get isLeader(): boolean {
    return this.leading && this.leadership.leadingAny;
  }

  /** Whether this process acts on the TaskActions of `namespace` now. */
  leads(namespace: string): boolean {
    return this.leading && this.leadership.termFor(namespace).active;
  }

  stats(): ExecutorStats {
    const stats: ExecutorStats = {
      leader: this.leading,
      synced: this.actions.hasSynced,
      actions: countActions(this.actions.list()),
      work: { waiting: this.queue.length, inFlight: this.queue.inFlight, scheduled: this.queue.scheduled },
    };
    const leader = this.leadership.leaderIdentity;
    if (leader !== undefined) stats.leaderIdentity = leader;
    const namespacesLed = this.leadership.namespacesLed;
    if (namespacesLed !== undefined) stats.namespacesLed = namespacesLed;
    return stats;
  }

  private async shutdown(): Promise<void> {
    // The Lease is still held: what runs may finish and write, and then the term ends before the release.
    this.pauseActing();
    await this.retention.stop();
    await this.queue.drain();
    await this.events.flush();
    await this.leadership.stop();
    this.abort.abort();
    await this.queue.shutdown();
    this.actions.stop();
    this.watches.stop();
    await this.events.flush();
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
    this.logger.info('stopped', { identity: this.identity });
  }

  /** Settles once the informer has listed everything; fails on errors no retry fixes; gives up when stopped. */
  private waitForSync<T extends KubeObject>(informer: Informer<T>, kind: string): Promise<void> {
    informer.addListener({
      onError: (err, retryInMs) => {
        if (!informer.hasSynced && isFatalListError(err)) return;
        this.logger.warn('watch failed, retrying', { resource: kind, error: err.message, retryInMs });
      },
    });
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        remove();
        this.abort.signal.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish();
      const remove = informer.addListener({
        onSynced: () => finish(),
        onError: (err) => {
          if (informer.hasSynced || !isFatalListError(err)) return;
          informer.stop();
          finish(err);
        },
      });
      this.abort.signal.addEventListener('abort', onAbort);
      informer.start();
    });
  }

  /** A term began, in one namespace or (undefined) in every namespace served. */
  private startLeading(namespace: string | undefined, term: LeadershipTerm): void {
    if (this.stopping !== undefined || this.registry === undefined) return;
    this.reconcilers.set(term, this.reconcilerFor(term, this.registry));
    // Before the queue may hand out a key: what already runs must be known to reclaim its slots first.
    const work = this.actions.list().filter((action) => needsWork(action) && (namespace === undefined || action.metadata.namespace === namespace));
    this.reclaimFirst(work);
    if (!this.leading) {
      this.leading = true;
      this.options.onLeadershipChange?.(true);
      this.queue.resume();
      const resyncMs = this.options.resyncMs ?? DEFAULT_RESYNC_MS;
      this.resyncTimer = setInterval(() => this.resync(), resyncMs);
      this.resyncTimer.unref();
      this.retention.start();
    }
    this.logger.info('executing TaskActions', { namespace: namespace ?? this.options.namespace ?? '(all)', pending: work.length });
  }

  /**
   * Queues a new term's work so that what already runs reclaims its slots before anything new can take one: the
   * actions holding plugin state are reconciled first, and the others of their namespace wait until each of them
   * has had its round.
   */
  private reclaimFirst(work: TaskAction[]): void {
    const started = work.filter((action) => action.status?.pluginState !== undefined && !isTerminal(action));
    for (const action of started) {
      const namespace = action.metadata.namespace ?? '';
      let keys = this.reclaiming.get(namespace);
      if (keys === undefined) this.reclaiming.set(namespace, (keys = new Set()));
      keys.add(objectKey(action));
    }
    for (const action of started) this.queue.add(objectKey(action));
    for (const action of work) this.queue.add(objectKey(action));
  }

  /** Whether the key must wait for its namespace's running actions to reclaim their slots; parks it if so. */
  private parkedForReclaim(namespace: string, key: string): boolean {
    const reclaiming = this.reclaiming.get(namespace);
    if (reclaiming === undefined || reclaiming.has(key)) return false;
    let parked = this.parked.get(namespace);
    if (parked === undefined) this.parked.set(namespace, (parked = new Set()));
    parked.add(key);
    return true;
  }

  /** The action had its reclaiming round (or went away): once none is left, the parked ones go. */
  private reclaimed(namespace: string, key: string): void {
    const reclaiming = this.reclaiming.get(namespace);
    if (reclaiming === undefined || !reclaiming.delete(key) || reclaiming.size > 0) return;
    this.reclaiming.delete(namespace);
    const parked = this.parked.get(namespace);
    this.parked.delete(namespace);
    for (const parkedKey of parked ?? []) this.queue.add(parkedKey);
  }

  /** A term ended: the reclaim of its namespace (or of all) is void; a new term starts one over. */
  private forgetReclaim(namespace: string | undefined): void {
    for (const map of [this.reclaiming, this.parked]) {
      if (namespace === undefined) map.clear();
      else map.delete(namespace);
    }
  }

  /**
   * The one reconciler of a term: its writes, and the plugins', are fenced by that term, and its plugin calls see
   * the term's signal, so a reconcile that outlives its term can neither write nor run on into the next one.
   */
  private reconcilerFor(term: LeadershipTerm, registry: PluginRegistry): Reconciler {
    return new Reconciler({
      client: fencedClient(this.client, () => term),
      registry,
      contextDeps: {
        kubeClient: this.pluginClient(() => term),
        resources: this.resources,
        logger: this.logger,
        signal: term.signal,
        recordEvent: (action, type, reason, message) => this.events.record(action, type, reason, message),
      },
      events: this.events,
      logger: this.logger,
      maxSystemFailures: this.options.maxSystemFailures ?? DEFAULT_MAX_SYSTEM_FAILURES,
      attemptBackoff: {
        initial: this.options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS,
        max: this.options.retryBackoffMaxMs ?? DEFAULT_RETRY_BACKOFF_MAX_MS,
      },
      remember: (action) => this.remember(action),
      onTransition: (event) => this.options.onTransition?.(event),
      onReleased: () => this.wakeWaiting(),
      now: () => new Date(),
      upstreams: this.upstreams,
    });
  }

  private pluginClient(term: (namespace: string | undefined) => LeadershipTerm | undefined): PluginKubeClient {
    return cacheFirstClient(fencedClient(this.client, term), this.watches);
  }

  /**
   * A term ended (its signal cancelled what ran, its writes are refused): once no namespace is led any more, stop
   * acting altogether. The elector campaigns again.
   */
  private stopLeading(namespace: string | undefined): void {
    this.forgetReclaim(namespace);
    if (!this.leadership.leadingAny) this.pauseActing();
  }

  /** No new work: the queue stops handing out keys, the resync and retention stop. What runs is left alone. */
  private pauseActing(): void {
    if (!this.leading) return;
    this.leading = false;
    this.queue.pause();
    clearInterval(this.resyncTimer);
    void this.retention.stop();
    this.options.onLeadershipChange?.(false);
  }

  /** A plugin resource (a slot to run something in) was freed: give the actions waiting for one a round now. */
  private wakeWaiting(): void {
    for (const action of this.actions.list()) {
      if (action.status?.pluginPhase === WAITING_FOR_RESOURCES && needsWork(action)) this.queue.add(objectKey(action));
    }
  }

  private resync(): void {
    for (const action of this.actions.list()) {
      if (needsWork(action) && this.leadership.termFor(action.metadata.namespace ?? '').active) this.queue.add(objectKey(action));
    }
  }

  /**
   * Keeps the answer to a write (or a read) until the watch cache catches up with it. The watch event can arrive
   * before the answer does; then the cache has it already and nothing is kept (a finished action gets no later
   * event that would drop it). Kept as the cache keeps objects, without `managedFields`.
   */
  private remember(action: TaskAction): void {
    const key = objectKey(action);
    this.sawInRound(key, action);
    const cached = this.actions.get(action.metadata.namespace ?? '', action.metadata.name ?? '');
    if (cached !== undefined && caughtUp(cached, action)) this.written.delete(key);
    else this.written.set(key, withoutManagedFields(action));
  }

  private onActionEvent(type: 'added' | 'modified' | 'deleted', action: TaskAction): void {
    const key = objectKey(action);
    const mine = this.written.get(key);
    if (type === 'deleted') {
      this.written.delete(key);
      this.finishing.delete(key);
      this.queue.forget(key);
      this.reclaimed(action.metadata.namespace ?? '', key);
    } else {
      if (type === 'added' && !this.knownNamespaces.has(action.metadata.namespace ?? '')) {
        this.knownNamespaces.add(action.metadata.namespace ?? '');
        this.leadership.namespacesChanged();
      }
      if (mine !== undefined && caughtUp(action, mine)) this.written.delete(key);
      if (!needsWork(action)) {
        // Ended elsewhere (a standby's view of the leader's work): nothing of it will go first.
        this.finishing.delete(key);
      } else {
        const round = this.rounds.get(key);
        if (round !== undefined) {
          // Ours or not is known only once the round's writes are answered: decided when it ends.
          if (round.event === undefined || newerThan(action, round.event)) round.event = action;
        } else if (newerThan(action, mine)) {
          // Not the echo of our own write (nor older than it): the round that wrote saw what it wrote, and a round
          // that leaves work for the object as written asks for it itself (`again`).
          this.queue.add(key);
        }
      }
    }
    this.checkIdle();
  }

  /** Something a plugin created changed: its TaskAction gets a round, unless the object is a namesake's leftover. */
  private onOwnedChange(owner: OwnerRef, change: OwnedChange): void {
    const key = keyOf(owner.namespace, owner.name);
    const action = this.current(key);
    if (action === undefined || action.metadata.uid !== owner.uid || !needsWork(action)) return;
    if (change.finished) this.finishing.add(key);
    this.queue.add(key);
  }

  private current(key: string): TaskAction | undefined {
    const { namespace, name } = splitObjectKey(key);
    return fresher(this.actions.get(namespace, name), this.written.get(key));
  }

  private async reconcileKey(key: string): Promise<void> {
    // This round sees what finished; a later end goes first again.
    this.finishing.delete(key);
    const { namespace } = splitObjectKey(key);
    const term = this.leadership.termFor(namespace);
    const reconciler = this.reconcilers.get(term);
    if (reconciler === undefined || !this.leading || !term.active) return;
    if (this.parkedForReclaim(namespace, key)) return;
    const round: RoundView = { seen: undefined, event: undefined };
    this.rounds.set(key, round);
    let again = false;
    try {
      again = await this.reconcileIn(key, term, reconciler);
    } finally {
      this.rounds.delete(key);
      // Another round when this one asked for it, or when the action changed in a way the round did not see: the
      // watch event of a write of its own, or of an older version, is no news (every write of ours names the
      // version it replaces, so nobody else wrote in between).
      if (again || (round.event !== undefined && newerThan(round.event, round.seen))) this.queue.add(key);
      // A round cut off with its term counts for nothing: the next term reclaims afresh.
      if (term.active) this.reclaimed(namespace, key);
    }
  }

  /** The round of `key`, if one runs, has seen this version of the action. */
  private sawInRound(key: string, action: TaskAction): void {
    const round = this.rounds.get(key);
    if (round !== undefined && (round.seen === undefined || newerThan(action, round.seen))) round.seen = action;
  }

  /** Runs the round; true when what it wrote needs a round of its own. */
  private async reconcileIn(key: string, term: LeadershipTerm, reconciler: Reconciler): Promise<boolean> {
    for (let conflicts = 0; ; conflicts++) {
      const action = this.current(key);
      if (action === undefined || !needsWork(action)) return false;
      this.sawInRound(key, action);
      const started = Date.now();
      try {
        const result = await reconciler.reconcile(action);
        this.options.onReconciled?.(Date.now() - started, false);
        this.queue.forget(key);
        if (result.requeueAfterMs !== undefined) this.queue.addAfter(key, result.requeueAfterMs);
        return result.again === true;
      } catch (err) {
        this.options.onReconciled?.(Date.now() - started, true);
        if (this.abort.signal.aborted) return false;
        if (term.signal.aborted || isLeadershipLost(err)) {
          // Whoever leads now has this action; this process takes it up again only in a term of its own.
          this.logger.debug('reconcile cut off: leadership lost', { taskAction: key, error: errorMessage(err) });
          return false;
        }
        if (isKubeApiError(err) && err.code === 404) return false;
        let failure = err;
        if (isKubeApiError(err) && err.code === 409 && conflicts < 3) {
          // Someone else (or a watch event we have not seen yet) changed the object: read it and run again.
          try {
            if (!(await this.refetch(key))) return false;
            continue;
          } catch (refetchError) {
            failure = refetchError;
          }
        }
        const delay = this.queue.addRateLimited(key);
        this.logger.warn('reconcile failed, retrying', { taskAction: key, error: errorMessage(failure), retryInMs: delay });
        return false;
      }
    }
  }

  /** Reads the object from the API server; false when it is gone. */
  private async refetch(key: string): Promise<boolean> {
    const { namespace, name } = splitObjectKey(key);
    try {
      this.remember(await this.client.get<TaskAction>(TASKACTIONS, namespace, name));
      return true;
    } catch (err) {
      if (isKubeApiError(err) && err.code === 404) {
        this.written.delete(key);
        return false;
      }
      throw err;
    }
  }

  private isIdle(): boolean {
    if (this.stopping !== undefined) return true;
    if (!this.actions.hasSynced || this.queue.inFlight > 0) return false;
    // A standby collects keys it does not process; only the leader's queue says work is left.
    if (this.leading && this.queue.length > 0) return false;
    return !this.actions.list().some(needsWork);
  }

  private checkIdle(): void {
    if (this.idleWaiters.size === 0 || !this.isIdle()) return;
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }
}
