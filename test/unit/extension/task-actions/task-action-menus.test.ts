import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../extension/src/command-ids.js';
import { taskActionContextValue } from '../../../../extension/src/task-actions/task-action-context-value.js';
import { displayPhase } from '../../../../shared/task-action/display-phase.js';
import { type Phase, taskAction } from './task-action-fixtures.js';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'extension', 'package.json'), 'utf8')) as {
  contributes: {
    menus: Record<string, MenuEntry[]>;
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome: { view: string; when: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
  };
};

/**
 * Evaluates the view/item/context `when` clauses the way VS Code does for our rows: `view == X`, `viewItem =~ /re/`
 * and their negation joined by `&&` (the only forms the manifest uses).
 */
function shown(entry: MenuEntry, contextValue: string): boolean {
  return (entry.when ?? '').split(' && ').every((term) => {
    const negated = term.startsWith('!(') && term.endsWith(')');
    const inner = negated ? term.slice(2, -1) : term;
    let value: boolean;
    if (inner === 'view == kueue.taskActions') value = true;
    else {
      const match = /^viewItem =~ \/(.*)\/$/.exec(inner);
      if (match?.[1] === undefined) throw new Error(`unexpected when term: ${term}`);
      value = new RegExp(match[1]).test(contextValue);
    }
    return negated ? !value : value;
  });
}

function rowCommands(phase: Phase, isRoot: boolean, runActive: boolean): string[] {
  const action = taskAction('x', { phase });
  const contextValue = taskActionContextValue(action, displayPhase(action), { isRoot, runActive });
  const entries = manifest.contributes.menus['view/item/context'] ?? [];
  return [...new Set(entries.filter((e) => shown(e, contextValue)).map((e) => e.command))].sort();
}

describe('TaskAction view contributions', () => {
  it('puts the view in its own activity bar container with an icon the package ships', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'kueue');
    expect(container?.icon).toBe('media/kueue.svg');
    expect(readFileSync(path.join(root, 'extension', container?.icon ?? ''), 'utf8')).toContain('<svg');
    expect(manifest.contributes.views['kueue']?.map((v) => v.id)).toEqual(['kueue.taskActions']);
    expect(readFileSync(path.join(root, 'extension', '.vscodeignore'), 'utf8')).toContain('!media/*.svg');
  });

  it('offers stop and abort action on a working action, stop and abort run on a root whose run works, logs once a Pod ran', () => {
    const { abortAction, abortRun, stopAction, stopRun, openTaskActionYaml, showTaskActionLogs, copyTaskActionName, showDetails, showInTerminal, retryRun, resubmitRun, followLogs } = COMMANDS;
    // Every row: its details, its YAML, its name, and the same details in a terminal; logs once a Pod ran.
    const always = [copyTaskActionName, openTaskActionYaml, showDetails, showInTerminal];
    const logs = [showTaskActionLogs, followLogs];
    expect(rowCommands('running', false, false)).toEqual([...always, abortAction, stopAction, ...logs].sort());
    expect(rowCommands('pending', false, false)).toEqual([...always, abortAction, stopAction].sort());
    expect(rowCommands('succeeded', false, false)).toEqual([...always, ...logs].sort());
    // A root offers to stop or abort its run (the root's own action is the run), never just itself; retry and
    // resubmit act on the whole run, whatever its root's own phase.
    expect(rowCommands('running', true, true)).toEqual([...always, abortRun, stopRun, ...logs, retryRun, resubmitRun].sort());
    expect(rowCommands('succeeded', true, true)).toEqual([...always, abortRun, stopRun, ...logs, retryRun, resubmitRun].sort());
    expect(rowCommands('succeeded', true, false)).toEqual([...always, ...logs, retryRun, resubmitRun].sort());
  });

  it('offers retry on an action that failed or was aborted, not on one that works or succeeded', () => {
    expect(rowCommands('failed', false, false)).toContain(COMMANDS.retryRun);
    expect(rowCommands('aborted', false, false)).toContain(COMMANDS.retryRun);
    expect(rowCommands('running', false, false)).not.toContain(COMMANDS.retryRun);
    expect(rowCommands('succeeded', false, false)).not.toContain(COMMANDS.retryRun);
    expect(rowCommands('failed', false, false)).not.toContain(COMMANDS.resubmitRun);
  });

  it('has welcome content for every connection problem the session reports', () => {
    const states = manifest.contributes.viewsWelcome.filter((w) => w.view === 'kueue.taskActions').flatMap((w) => [...w.when.matchAll(/kueue\.clusterState == ([a-z-]+)/g)].map((m) => m[1]));
    expect(states.sort()).toEqual(['connected', 'connecting', 'error', 'forbidden', 'idle', 'kubeconfig-missing', 'no-crd', 'no-kubeconfig', 'unreachable']);
  });

  it('declares the cluster, executor and notification settings with kubectl-like defaults', () => {
    const defaults = Object.fromEntries(
      Object.entries(manifest.contributes.configuration.properties)
        .filter(([key]) => /^kueue\.(kubeconfig|context|namespace|executor\.|notifications\.)/.test(key))
        .map(([key, value]) => [key, value.default]),
    );
    expect(defaults).toEqual({
      'kueue.kubeconfig': '',
      'kueue.context': '',
      'kueue.namespace': '',
      'kueue.executor.concurrency': 16,
      'kueue.executor.autoStart': false,
      'kueue.notifications.runFinished': true,
    });
  });
});
