import { randomBytes } from 'node:crypto';
import os from 'node:os';
import * as vscode from 'vscode';
import { type Executor } from '../../../shared/executor/index.js';
import { type ClusterSession, type Connected } from '../cluster/cluster-session.js';
import { affectsExecutorTuning, executorConcurrency } from '../cluster/cluster-settings.js';
import { errorText } from '../cluster/error-text.js';
import { type ExecutorHostState } from './executor-host-state.js';
import { outputLogger } from './output-logger.js';

const STATS_MS = 1_000;

/**
 * The shared executor engine running inside the extension host, on the session's cluster and namespace. It takes
 * the same Lease as `kubectl kueue executor` (default name `kueue-executor`), so with several windows, or an
 * executor in the cluster, exactly one acts and the others stand by. Transitions and the engine's log go to the
 * "Kueue Executor" output channel.
 */
export class ExecutorHost implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExecutorHostState>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private executor: Executor | undefined;
  private current: ExecutorHostState = { kind: 'stopped' };
  private statsTimer: NodeJS.Timeout | undefined;
  private connected: Connected | undefined;
  /** A stop in progress: a start waits for it, so a quick stop-start never runs two engines at once. */
  private stopping: Promise<void> = Promise.resolve();
  private starting: Promise<void> | undefined;
  /** The user's last word: a stop while the connection is still opening must win over the start. */
  private wanted = false;

  readonly onDidChangeState = this.changed.event;
  readonly identity = `vscode-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly session: ClusterSession,
    readonly output: vscode.OutputChannel,
  ) {
    this.subscriptions.push(
      this.changed,
      session.onDidReplace(() => {
        // The settings now name another cluster or namespace: follow them if the executor was on.
        if (this.current.kind === 'stopped' || this.current.kind === 'stopping') return;
        this.output.appendLine(`${new Date().toISOString()} info  the cluster settings changed: restarting the executor`);
        void this.stop().then(() => this.start());
      }),
      // The status bar tells a lost connection apart from work in progress.
      session.onDidChangeState(() => this.changed.fire(this.current)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The engine takes its tunables when it starts: apply a change now, as the user expects of a setting.
        if (!affectsExecutorTuning(event) || !this.isOn) return;
        this.output.appendLine(`${new Date().toISOString()} info  the executor settings changed: restarting the executor`);
        void this.stop().then(() => this.start());
      }),
    );
  }

  /** Why the cluster does not answer, while the executor is on and it does not. */
  get connectionProblem(): string | undefined {
    return this.isOn ? this.session.problem?.message : undefined;
  }

  get state(): ExecutorHostState {
    return this.current;
  }

  get isOn(): boolean {
    return this.current.kind === 'starting' || this.current.kind === 'running';
  }

  /** Starts the engine; resolves once it has filled its caches (or failed, or was stopped meanwhile). */
  start(): Promise<void> {
    this.wanted = true;
    this.starting ??= this.stopping.then(() => this.doStart()).finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Stops the engine, also one still starting (a server that does not answer keeps a start waiting). */
  stop(): Promise<void> {
    this.wanted = false;
    const previous = this.stopping;
    this.stopping = previous.then(() => this.doStop());
    return this.stopping;
  }

  /** Stops the engine (releasing the Lease) before the window closes. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const s of this.subscriptions) s.dispose();
  }

  private async doStart(): Promise<void> {
    if (this.executor !== undefined) return;
    this.setState({ kind: 'starting', namespace: this.session.current?.connection.namespace ?? '' });
    const connected = await this.session.connect();
    if (!this.wanted) {
      this.setState({ kind: 'stopped' });
      return;
    }
    if (connected === undefined) {
      const message = this.session.problem?.message ?? 'no cluster is configured';
      this.setState({ kind: 'failed', namespace: '', message });
      void vscode.window.showErrorMessage(`Kueue: the executor cannot start: ${message}`);
      return;
    }
    const { api, connection } = connected;
    const namespace = connection.namespace;
    const concurrency = executorConcurrency();
    const executor = new api.Executor({
      client: connection.client,
      namespace,
      // Unset: the engine's default, the one `kubectl kueue executor` has.
      ...(concurrency !== undefined ? { concurrency } : {}),
      plugins: [...api.podPluginEntries(), ...api.conditionPluginEntries()],
      leaderElection: true,
      identity: this.identity,
      logger: outputLogger(this.output),
      onTransition: (event) => {
        this.output.appendLine(api.formatTransition(event));
        this.refreshStats();
      },
      onLeadershipChange: () => this.refreshStats(),
    });
    this.executor = executor;
    this.connected = connected;
    this.setState({ kind: 'starting', namespace });
    this.output.appendLine(
      `${new Date().toISOString()} info  starting namespace=${namespace} context=${connection.contextName} server=${connection.server} identity=${this.identity} concurrency=${concurrency ?? api.DEFAULT_CONCURRENCY}`,
    );
    try {
      await executor.start();
    } catch (err) {
      if (this.executor !== executor) return;
      this.executor = undefined;
      const message = errorText(err);
      this.output.appendLine(`${new Date().toISOString()} error the executor could not start: ${message}`);
      this.setState({ kind: 'failed', namespace, message });
      void vscode.window.showErrorMessage(`Kueue: the executor could not start: ${message}`, 'Show Log').then((choice) => {
        if (choice === 'Show Log') this.output.show(true);
      });
      return;
    }
    if (this.executor !== executor) return;
    this.statsTimer = setInterval(() => this.refreshStats(), STATS_MS);
    this.refreshStats();
  }

  private async doStop(): Promise<void> {
    const executor = this.executor;
    this.executor = undefined;
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    if (executor === undefined) {
      if (this.current.kind === 'failed' || this.current.kind === 'starting') this.setState({ kind: 'stopped' });
      return;
    }
    this.setState({ kind: 'stopping', namespace: this.current.kind === 'stopped' ? '' : this.current.namespace });
    await executor.stop();
    this.connected = undefined;
    this.setState({ kind: 'stopped' });
  }

  private refreshStats(): void {
    const executor = this.executor;
    const connected = this.connected;
    if (executor === undefined || connected === undefined) return;
    const stats = executor.stats();
    if (!stats.synced) return;
    this.setState({ kind: 'running', namespace: connected.connection.namespace, context: connected.connection.contextName, stats });
  }

  private setState(state: ExecutorHostState): void {
    this.current = state;
    void vscode.commands.executeCommand('setContext', 'kueue.executorState', state.kind);
    this.changed.fire(state);
  }
}
