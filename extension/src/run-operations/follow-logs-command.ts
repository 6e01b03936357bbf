import * as vscode from 'vscode';
import { objectKey } from '../../../shared/kube/index.js';
import { type ContainerChoice } from '../../../shared/logs/index.js';
import { type ClusterSession } from '../cluster/cluster-session.js';
import { errorText } from '../cluster/error-text.js';
import { type TaskActionNode } from '../task-actions/task-action-node.js';
import { type LogChoices } from './follow-logs.js';

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

function attemptItems(choices: LogChoices): Pick<number | 'latest'>[] {
  return [
    { label: 'Latest attempt', description: 'and every attempt after it', value: 'latest' },
    ...choices.attempts.map((a) => ({ label: `Attempt ${a.attempt}`, description: `${a.pod} · ${a.phase}`, detail: 'and every attempt after it', value: a.attempt })),
  ];
}

function containerItems(choices: LogChoices): Pick<ContainerChoice>[] {
  const defaultItem: Pick<ContainerChoice> = {
    label: choices.steps !== undefined ? 'All steps, in order' : 'Default container',
    description: choices.steps !== undefined ? choices.steps.join(' → ') : 'as kubectl logs chooses it',
    value: {},
  };
  const steps = (choices.steps ?? []).map((step, i) => ({ label: `Step ${i + 1}: ${step}`, value: { step } }));
  // A Pod of one container leaves nothing to choose: the default is that container.
  const containers = choices.containers.length <= 1 ? [] : choices.containers.map((container) => ({ label: container, description: 'container', value: { container } }));
  return [defaultItem, ...steps, ...(choices.steps === undefined ? containers : [])];
}

/**
 * Follow Logs: picks the first attempt and the container or step, then follows into an output channel of the
 * action's own until the action ends or the user cancels the progress notification. Following the same action
 * again stops the earlier follow first.
 */
export class LogFollowers implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly session: ClusterSession) {}

  async follow(node: TaskActionNode): Promise<void> {
    const connected = await this.session.connect();
    if (connected === undefined) return;
    const { action } = node;
    const { spec } = action;
    const client = connected.connection.client;
    let choices: LogChoices;
    try {
      choices = await connected.api.logChoices(client, action);
    } catch (err) {
      void vscode.window.showErrorMessage(`Kueue: could not list the Pods of ${spec.runName}/${spec.actionName}: ${errorText(err)}`);
      return;
    }
    const from = choices.attempts.length <= 1 ? 'latest' : (await vscode.window.showQuickPick(attemptItems(choices), { title: `Logs of ${spec.actionName}: from which attempt?` }))?.value;
    if (from === undefined) return;
    const containerPicks = containerItems(choices);
    const choice = containerPicks.length <= 1 ? {} : (await vscode.window.showQuickPick(containerPicks, { title: `Logs of ${spec.actionName}: which container?` }))?.value;
    if (choice === undefined) return;

    const key = objectKey(action);
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const channel = this.channel(key, `Kueue Logs: ${spec.runName}/${spec.actionName}`);
    channel.clear();
    channel.show(true);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Following the logs of ${spec.runName}/${spec.actionName}`, cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        try {
          await connected.api.followLogsInto(client, action, { from, choice, signal: controller.signal }, { append: (text) => channel.append(text) });
          if (!controller.signal.aborted) channel.append(`# ${spec.actionName} ended: no more attempts to follow\n`);
        } catch (err) {
          if (!controller.signal.aborted) channel.append(`# stopped: ${errorText(err)}\n`);
        } finally {
          if (this.running.get(key) === controller) this.running.delete(key);
        }
      },
    );
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    for (const channel of this.channels.values()) channel.dispose();
  }

  private channel(key: string, name: string): vscode.OutputChannel {
    let channel = this.channels.get(key);
    if (channel === undefined) {
      channel = vscode.window.createOutputChannel(name, 'log');
      this.channels.set(key, channel);
    }
    return channel;
  }
}
