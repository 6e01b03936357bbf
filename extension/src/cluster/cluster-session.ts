import * as vscode from 'vscode';
import { type ClusterApi, loadClusterApi } from './cluster-api.js';
import type { ClusterConnection } from './cluster-connection.js';
import { type ConnectionProblem, connectionProblem } from './connection-problem.js';
import { affectsClusterTarget, clusterTarget } from './cluster-settings.js';
import { type ClusterTarget } from './cluster-target.js';
import type { TaskActionWatch, WatchState } from '../task-actions/task-action-watch.js';

/** What the view's welcome content and title keys off (context key `kueue.clusterState`). */
export type ClusterState = 'idle' | 'connecting' | 'connected' | ConnectionProblem['kind'];

/** A live connection: the client, where it points, and the watch of the namespace's TaskActions. */
export interface Connected {
  api: ClusterApi;
  connection: ClusterConnection;
  watch: TaskActionWatch;
}

export const CLUSTER_STATE_KEY = 'kueue.clusterState';

/**
 * The one connection of the window to the cluster the settings name, opened on first use (nothing Kubernetes is
 * loaded before that) and replaced when kubeconfig, context or namespace change. The tree, the executor and the
 * commands all go through it, so they always agree on where they are.
 */
export class ClusterSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly replaced = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private opening: Promise<Connected | undefined> | undefined;
  private live: Connected | undefined;
  private currentState: ClusterState = 'idle';
  private currentProblem: ConnectionProblem | undefined;
  private target: ClusterTarget = clusterTarget();

  /** The state or the problem changed. */
  readonly onDidChangeState = this.changed.event;
  /** The settings now name another cluster or namespace: whoever holds the old connection must let go. */
  readonly onDidReplace = this.replaced.event;

  constructor() {
    this.subscriptions.push(
      this.changed,
      this.replaced,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsClusterTarget(event)) this.replace();
      }),
    );
    void vscode.commands.executeCommand('setContext', CLUSTER_STATE_KEY, this.currentState);
  }

  get state(): ClusterState {
    return this.currentState;
  }

  get problem(): ConnectionProblem | undefined {
    return this.currentProblem;
  }

  /** The open connection, if any (no connecting). */
  get current(): Connected | undefined {
    return this.live;
  }

  /** `context / namespace` once known, for titles and messages. */
  get where(): string {
    if (this.live !== undefined) return `${this.live.connection.contextName} / ${this.live.connection.namespace}`;
    const { context, namespace } = this.target;
    return [context || 'current context', namespace || 'its namespace'].join(' / ');
  }

  /**
   * The connection, opening it if needed; undefined when the settings name no usable kubeconfig (the problem says
   * why). A connection whose server does not answer is still returned: its watch keeps retrying.
   */
  connect(): Promise<Connected | undefined> {
    this.opening ??= this.open();
    return this.opening;
  }

  /** Forgets the connection (and its problem) and opens a new one when next asked. */
  replace(): void {
    this.target = clusterTarget();
    this.close();
    this.opening = undefined;
    this.currentProblem = undefined;
    this.setState('idle');
    this.replaced.fire();
  }

  dispose(): void {
    this.close();
    for (const s of this.subscriptions) s.dispose();
  }

  private async open(): Promise<Connected | undefined> {
    const target = this.target;
    this.setState('connecting');
    const api = await loadClusterApi();
    if (target !== this.target) return this.connect();
    let connection: ClusterConnection;
    try {
      connection = api.connectCluster(target);
    } catch (err) {
      this.currentProblem = connectionProblem(err);
      this.setState(this.currentProblem.kind);
      return undefined;
    }
    const watch = new api.TaskActionWatch(connection.client, connection.namespace);
    const live: Connected = { api, connection, watch };
    this.live = live;
    watch.addListener({ onState: (state) => this.onWatchState(live, state) });
    watch.start();
    return live;
  }

  private onWatchState(live: Connected, state: WatchState): void {
    if (this.live !== live) return;
    if (state.kind === 'failing') {
      this.currentProblem = connectionProblem(state.error, { server: live.connection.server });
      this.setState(this.currentProblem.kind);
    } else {
      this.currentProblem = undefined;
      this.setState(state.kind === 'synced' ? 'connected' : 'connecting');
    }
  }

  private close(): void {
    const live = this.live;
    this.live = undefined;
    if (live === undefined) return;
    live.watch.stop();
    // The executor may still be releasing its Lease over this client; give it a moment before dropping sockets.
    setTimeout(() => live.connection.close(), 10_000).unref();
  }

  private setState(state: ClusterState): void {
    const same = state === this.currentState;
    this.currentState = state;
    if (!same) void vscode.commands.executeCommand('setContext', CLUSTER_STATE_KEY, state);
    this.changed.fire();
  }
}
