import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../shared/format/human-duration.js';
import { buildActionTrees } from '../../../shared/queue/action-tree.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { renderActionTree } from '../../../kubectl-plugin/printers/action-tree-view.js';
import { renderTable } from '../../../kubectl-plugin/printers/table.js';
import { renderYaml } from '../../../kubectl-plugin/printers/object-output.js';
import { terminalStyle } from '../../../kubectl-plugin/printers/terminal-style.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function action(name: string, uid: string, owner: string | undefined, conditions: { type: string; status: 'True' | 'False'; reason: string; message?: string }[], history: { phase: string; occurredAt: string }[] = []): TaskAction {
  return {
    metadata: { name, uid, creationTimestamp: '2026-01-01T00:00:00Z', ...(owner ? { ownerReferences: [{ apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: owner, uid: owner }] } : {}) },
    spec: { runName: 'r', project: 'p', domain: 'd', actionName: name, taskType: 'container' },
    status: { conditions: conditions.map((c) => ({ ...c, message: c.message ?? '', lastTransitionTime: '2026-01-01T00:00:00Z' })), phaseHistory: history },
  };
}

describe('renderTable', () => {
  it('aligns columns kubectl-style with three spaces and no trailing blanks', () => {
    expect(renderTable(['name', 'status'], [['a', 'Running'], ['longer-name', '']])).toBe('NAME          STATUS\na             Running\nlonger-name\n');
    expect(renderTable(['name'], [['a']], { noHeaders: true })).toBe('a\n');
  });
});

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [4 * 3_600_000 + 60_000, '4h1m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000, '3d'],
    [800 * 86_400_000, '2y70d'],
  ])('%i ms -> %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('renderActionTree', () => {
  const trees = buildActionTrees([
    action('root', 'root', undefined, [{ type: 'Progressing', status: 'True', reason: 'Executing' }], [{ phase: 'PhaseRunning', occurredAt: '2026-01-01T00:08:00Z' }]),
    action('ok', 'ok', 'root', [{ type: 'Succeeded', status: 'True', reason: 'Completed' }], [
      { phase: 'PhaseRunning', occurredAt: '2026-01-01T00:01:00Z' },
      { phase: 'PhaseSuccess', occurredAt: '2026-01-01T00:01:42Z' },
    ]),
    action('bad', 'bad', 'root', [{ type: 'Failed', status: 'True', reason: 'PermanentFailure', message: 'exit code 3' }]),
  ]);

  it('draws glyphs, icons, durations and failure messages', () => {
    const text = renderActionTree(trees, { color: false, unicode: true }, NOW);
    expect(text.split('\n')).toEqual([
      'ACTION     STATUS      TASKTYPE    DURATION   AGE   MESSAGE',
      '● root     Running     container   2m         10m',
      '├─ ✖ bad   Failed      container   10m        10m   exit code 3',
      '└─ ✔ ok    Succeeded   container   42s        10m',
      '',
    ]);
  });

  it('shows a condition action waiting for its signal as Paused, with how long it has waited', () => {
    const waiting = buildActionTrees([
      action('root', 'root', undefined, [{ type: 'Progressing', status: 'True', reason: 'Executing' }], [{ phase: 'Executing', occurredAt: '2026-01-01T00:08:00Z' }]),
      action('approve', 'approve', 'root', [{ type: 'Progressing', status: 'True', reason: 'Paused', message: 'waiting for a signal: ship it?' }], [
        { phase: 'Paused', occurredAt: '2026-01-01T00:09:00Z' },
      ]),
    ]);
    expect(renderActionTree(waiting, { color: false, unicode: true }, NOW).split('\n')[2]).toBe('└─ ‖ approve   Paused    container   60s        10m   waiting for a signal: ship it?');
    expect(renderActionTree(waiting, { color: false, unicode: false }, NOW)).toContain('`- p approve');
    expect(renderActionTree(waiting, { color: true, unicode: true }, NOW)).toContain('\u001b[33m‖\u001b[0m');
  });

  it('falls back to ASCII and colours only when allowed', () => {
    expect(renderActionTree(trees, { color: false, unicode: false }, NOW)).toContain('|- x bad');
    expect(renderActionTree(trees, { color: true, unicode: true }, NOW)).toContain('\u001b[32m✔\u001b[0m');
  });
});

describe('renderYaml', () => {
  it('writes a value that occurs twice twice, never as an anchor and an alias', () => {
    const step = { name: 'fetch', exitCode: 3 };
    const text = renderYaml({ failed: step, steps: [step] });
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toBe('failed:\n  name: fetch\n  exitCode: 3\nsteps:\n- name: fetch\n  exitCode: 3\n');
  });
});

describe('terminalStyle', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  it('colours only a terminal, and never with NO_COLOR', () => {
    expect(terminalStyle({}, tty, { LANG: 'en_US.UTF-8' })).toEqual({ color: true, unicode: true });
    expect(terminalStyle({}, pipe, {}).color).toBe(false);
    expect(terminalStyle({}, tty, { NO_COLOR: '1' }).color).toBe(false);
  });
  it('uses ASCII on request or under a non-UTF-8 locale', () => {
    expect(terminalStyle({ ascii: true }, pipe, {}).unicode).toBe(false);
    expect(terminalStyle({}, pipe, { LANG: 'C' }).unicode).toBe(false);
  });
  it('reads the locale in POSIX order: LC_ALL, then LC_CTYPE, then LANG', () => {
    expect(terminalStyle({}, pipe, { LC_ALL: 'C', LANG: 'C.UTF-8' }).unicode).toBe(false);
    expect(terminalStyle({}, pipe, { LC_ALL: 'en_US.UTF-8', LANG: 'C' }).unicode).toBe(true);
    expect(terminalStyle({}, pipe, { LC_CTYPE: 'POSIX', LANG: 'en_US.UTF-8' }).unicode).toBe(false);
    expect(terminalStyle({}, pipe, { LC_ALL: '', LC_CTYPE: '', LANG: 'C.UTF-8' }).unicode).toBe(true);
  });
});
