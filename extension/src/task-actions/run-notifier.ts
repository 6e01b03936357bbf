import * as vscode from 'vscode';
import { type ClusterSession, type Connected } from '../cluster/cluster-session.js';
import { runNotificationsEnabled } from '../cluster/cluster-settings.js';
import { type RunRef, belongsTo, runKey, runOutcome, runOutcomeMessage } from './run-outcome.js';

const STATE_KEY = 'kueue.startedRuns';
const CHECK_MS = 500;
/** Runs remembered at most: one deleted while the window was closed is never seen again, so the list is capped. */
const MAX_TRACKED = 100;

/**
 * Tells the user when a run they started from this window finishes or fails. Started runs are remembered in the
 * workspace state (a window reload keeps watching them); each is checked when a watch event touches it and
 * forgotten once it has ended.
 */
export class RunNotifier implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private detach: (() => void) | undefined;
  private attachedTo: Connected | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Runs whose actions the watch has shown: only those can be "gone" (a new run may not have arrived yet). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly session: ClusterSession,
    private readonly memento: vscode.Memento,
    private readonly reveal: (run: RunRef, name: string) => Promise<unknown>,
  ) {
    this.subscriptions.push(session.onDidReplace(() => this.detachWatch()));
    if (this.runs().length > 0) void this.attach();
  }

  /** Watches a run just enqueued. */
  async track(run: RunRef): Promise<void> {
    const runs = this.runs().filter((r) => runKey(r) !== runKey(run));
    await this.memento.update(STATE_KEY, [...runs, run].slice(-MAX_TRACKED));
    await this.attach();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.detachWatch();
    for (const s of this.subscriptions) s.dispose();
  }

  private runs(): RunRef[] {
    return this.memento.get<RunRef[]>(STATE_KEY, []);
  }

  private async attach(): Promise<void> {
    const connected = await this.session.connect();
    if (connected === undefined || connected === this.attachedTo) return;
    this.detachWatch();
    this.attachedTo = connected;
    this.detach = connected.watch.addListener({
      onEvent: (_type, action) => {
        if (this.runs().some((run) => belongsTo(action, run))) this.schedule();
      },
      onState: (state) => {
        if (state.kind === 'synced') this.schedule();
      },
    });
    if (connected.watch.hasSynced) this.schedule();
  }

  private detachWatch(): void {
    this.detach?.();
    this.detach = undefined;
    this.attachedTo = undefined;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, CHECK_MS);
  }

  private async check(): Promise<void> {
    const connected = this.attachedTo;
    if (connected === undefined || !connected.watch.hasSynced) return;
    const namespace = connected.connection.namespace;
    const all = connected.watch.list();
    const ended: RunRef[] = [];
    for (const run of this.runs()) {
      // Runs started in another namespace are checked when the view is back on it.
      if (run.namespace !== namespace) continue;
      const actions = all.filter((action) => belongsTo(action, run));
      if (actions.length > 0) this.seen.add(runKey(run));
      const outcome = runOutcome(actions);
      if (outcome.state === 'running' || (outcome.state === 'gone' && !this.seen.has(runKey(run)))) continue;
      ended.push(run);
      if (outcome.state === 'gone' || !runNotificationsEnabled()) continue;
      const root = actions.find((a) => a.spec.parentActionName === undefined) ?? actions[0];
      const message = runOutcomeMessage(run, outcome);
      const show = outcome.state === 'succeeded' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void show(`Kueue: ${message}`, 'Show in Tree').then((choice) => {
        if (choice === 'Show in Tree' && root !== undefined) void this.reveal(run, root.metadata.name ?? '');
      });
    }
    if (ended.length > 0) {
      const gone = new Set(ended.map(runKey));
      await this.memento.update(STATE_KEY, this.runs().filter((run) => !gone.has(runKey(run))));
    }
  }
}
