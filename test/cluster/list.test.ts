import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { type RunRecord } from '../../shared/runs/run-record.js';
import { runCli } from '../helpers/run-cli.js';
import { tableRecords } from '../helpers/table-columns.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { byAction, enqueueRun, isFailed, isSucceeded, startExecutor, waitForRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });
const finished = (actions: TaskAction[]) => actions.length > 0 && actions.every((a) => isSucceeded(a) || isFailed(a));
const executing = (action: TaskAction | undefined) => action?.status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'Executing') ?? false;

/** Rows of a `list` table as arrays of cells, header first. */
function cells(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').map((line) => line.split(/\s{3,}/));
}

describe.skipIf(clusterUnavailable())('kubectl kueue list on the real API server', () => {
  const ns = useClusterNamespace('list');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];

  // One run in every phase: three driven by the executor and kwok, one never seen by an executor, and one whose
  // stop is written through the status subresource as the executor writes it.
  beforeAll(async () => {
    await enqueueRun(ns.client, ns.namespace, 'ok', [{ name: 'a0', template }, { name: 'b', parent: 'a0', template }]);
    await enqueueRun(ns.client, ns.namespace, 'bad', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template, annotations: { 'kueue.test/outcome': 'Failed' } },
      { name: 'c', parent: 'a0', template },
    ]);
    await enqueueRun(ns.client, ns.namespace, 'slow', [{ name: 'a0', template, annotations: { 'kueue.test/outcome': 'Running' } }]);
    const { executor } = await startExecutor(ns.client, ns.namespace);
    try {
      await waitForRun(ns.client, ns.namespace, 'ok', finished);
      await waitForRun(ns.client, ns.namespace, 'bad', finished);
      await waitForRun(ns.client, ns.namespace, 'slow', (actions) => executing(byAction(actions).get('a0')));
    } finally {
      await executor.stop();
    }
    await enqueueRun(ns.client, ns.namespace, 'later', [{ name: 'a0', template }, { name: 'b', parent: 'a0', template }]);
    const [stopped] = await enqueueRun(ns.client, ns.namespace, 'stopped', [{ name: 'a0', template }]);
    if (stopped === undefined) throw new Error('nothing enqueued');
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await ns.client.replace<TaskAction>(
      TASKACTIONS,
      ns.namespace,
      {
        ...stopped,
        status: {
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'Aborted', message: 'stopped', lastTransitionTime: at },
            { type: 'Failed', status: 'True', reason: 'Aborted', message: 'stopped', lastTransitionTime: at },
          ],
          phaseHistory: [{ phase: 'Aborted', occurredAt: at }],
        },
      },
      { subresource: 'status' },
    );
  }, 120_000);

  it('shows one row per run, newest first, with the status of all its actions', async () => {
    const result = await runCli(['list', ...flags()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [header, ...rows] = cells(result.stdout);
    expect(header).toEqual(['RUN', 'STATUS', 'PROGRESS', 'FAILED', 'AGE', 'DURATION']);
    const byRun = new Map(rows.map((row) => [row[0], row.slice(1, 4)]));
    expect(Object.fromEntries(byRun)).toEqual({
      ok: ['Succeeded', '2/2', '0'],
      // The root succeeded, a child failed: the run failed.
      bad: ['Failed', '2/3', '1'],
      slow: ['Running', '0/1', '0'],
      later: ['Pending', '0/2', '0'],
      stopped: ['Aborted', '0/1', '0'],
    });
    // Newest first, by the roots' creation times as the server stored them (whole seconds, so runs created in the
    // same second may come in either order; the ones enqueued after the executor stopped are never older).
    const roots = (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/is-root=true' })).items;
    const created = new Map(roots.map((root) => [root.spec.runName, root.metadata.creationTimestamp ?? '']));
    const times = rows.map((row) => created.get(row[0] ?? '') ?? '');
    expect(times).toEqual([...times].sort().reverse());
    expect(times.every((time) => time !== '')).toBe(true);
    // A run that never started has no duration yet.
    expect(rows.find((row) => row[0] === 'later')?.[5]).toBe('-');
    expect(rows.find((row) => row[0] === 'ok')?.[5]).toMatch(/^\d+s$/);
  });

  it('filters by --status (repeatable, comma list, any case) and --since', async () => {
    const failed = await runCli(['list', '--status', 'failed', '--status', 'ABORTED,Pending', '--no-headers', ...flags()]);
    expect(failed.code).toBe(0);
    expect(cells(failed.stdout).map((row) => row[0]).sort()).toEqual(['bad', 'later', 'stopped']);
    const recent = await runCli(['list', '--since', '1h', '--no-headers', ...flags()]);
    expect(cells(recent.stdout)).toHaveLength(5);
    const none = await runCli(['list', '--since', '1ms', ...flags()]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No runs found in ${ns.namespace} namespace.\n` });
  });

  it('-A puts the namespace first; -o wide adds project and domain; -l keeps runs with a matching action', async () => {
    const all = await runCli(['list', '-A', '--status', 'Failed', '-o', 'wide', '--kubeconfig', ns.kubeconfig]);
    expect(all.code).toBe(0);
    const [header, ...rows] = cells(all.stdout);
    expect(header).toEqual(['NAMESPACE', 'RUN', 'STATUS', 'PROGRESS', 'FAILED', 'AGE', 'DURATION', 'PROJECT', 'DOMAIN']);
    // Other suites' namespaces may hold failed runs too; ours is there with its project and domain.
    expect(rows.filter((row) => row[0] === ns.namespace).map((row) => [row[1], row[2], row[7], row[8]])).toEqual([['bad', 'Failed', 'proj', 'dev']]);
    expect(rows.every((row) => row[2] === 'Failed')).toBe(true);
    // Only roots match the selector, yet the run's status still comes from its failed child.
    const roots = await runCli(['list', '-l', 'flyte.org/is-root=true,flyte.org/run=bad', '--no-headers', ...flags()]);
    expect(cells(roots.stdout).map((row) => row.slice(0, 2))).toEqual([['bad', 'Failed']]);
  });

  it('--field-selector keeps the runs with an action matching it on the server, with the whole run\'s status', async () => {
    const [child] = (await ns.client.list<TaskAction>(TASKACTIONS, ns.namespace, { labelSelector: 'flyte.org/run=bad,flyte.org/action=b' })).items;
    const byName = await runCli(['list', '--field-selector', `metadata.name=${child?.metadata.name ?? '?'}`, '--no-headers', ...flags()]);
    expect(byName.code).toBe(0);
    expect(cells(byName.stdout).map((row) => row.slice(0, 3))).toEqual([['bad', 'Failed', '2/3']]);
    const none = await runCli(['list', '--field-selector', 'metadata.name=no-such-action', ...flags()]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No runs found in ${ns.namespace} namespace.\n` });
    // The API server's own answer for a field it cannot select on, as kubectl shows it.
    const unsupported = await runCli(['list', '--field-selector', 'spec.runName=bad', ...flags()]);
    expect(unsupported.code).not.toBe(0);
    expect(unsupported.stderr).toContain('spec.runName');
    expect(unsupported.stderr).not.toMatch(/\n\s+at /);
  });

  it('-o json gives the runs as data, -o name their names, and an empty namespace says so', async () => {
    const json = await runCli(['list', '-o', 'json', ...flags()]);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { kind: string; items: RunRecord[] };
    expect(list.kind).toBe('List');
    const bad = list.items.find((item) => item.metadata.name === 'bad');
    expect(bad?.metadata.namespace).toBe(ns.namespace);
    expect(bad?.spec).toMatchObject({ org: 'acme', project: 'proj', domain: 'dev', root: 'acme-proj-dev-bad-a0' });
    expect(bad?.spec.actions.map((a) => `${a.name}=${a.phase}`)).toEqual(['a0=Succeeded', 'b=Failed', 'c=Succeeded']);
    expect(bad?.status).toMatchObject({ phase: 'Failed', finished: true, progress: '2/3', total: 3, succeeded: 2, failed: 1 });
    expect(bad?.status.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(list.items.find((item) => item.metadata.name === 'later')?.status).toMatchObject({ phase: 'Pending', finished: false, pending: 2 });

    const names = await runCli(['list', '--status', 'Succeeded', '-o', 'name', ...flags()]);
    expect(names.stdout).toBe('run/ok\n');

    const empty = `${ns.namespace}-none`;
    const nothing = await runCli(['list', '--kubeconfig', ns.kubeconfig, '-n', empty]);
    expect(nothing).toEqual({ code: 0, stdout: '', stderr: `No runs found in ${empty} namespace.\n` });
    const emptyJson = await runCli(['list', '-o', 'json', '--kubeconfig', ns.kubeconfig, '-n', empty]);
    expect(JSON.parse(emptyJson.stdout)).toMatchObject({ kind: 'List', items: [] });
  });

  it('tree heads each run with its status; get -o wide shows it on root rows', async () => {
    const tree = await runCli(['tree', 'bad', ...flags()]);
    expect(tree.code).toBe(0);
    expect(tree.stdout.split('\n')[0]).toMatch(new RegExp(`^Run bad   Failed   2/3 \\(1 failed\\)   \\d+s   acme/proj/dev   namespace ${ns.namespace}$`));
    const get = await runCli(['get', '-l', 'flyte.org/is-root=true', '-o', 'wide', ...flags()]);
    expect(get.code).toBe(0);
    const [header, ...rows] = cells(get.stdout);
    expect(header?.slice(-2)).toEqual(['RUN-STATUS', 'NAME']);
    // The root's own phase stays Succeeded; the run's status beside it says Failed.
    expect(rows.find((row) => row[0] === 'bad')).toEqual(expect.arrayContaining(['Succeeded', 'Failed 2/3']));
    expect(rows.find((row) => row[0] === 'later')).toEqual(expect.arrayContaining(['Pending', 'Pending 0/2']));
  });

  it("get's STATUS says what `kubectl get taskactions` says, in every state; -o wide adds the derived PHASE", async () => {
    const kubectl = spawnSync('kubectl', ['get', 'taskactions', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace], { encoding: 'utf8' });
    expect(kubectl.stderr).toBe('');
    const theirs = new Map(tableRecords(kubectl.stdout).map((row) => [`${row.RUN}/${row.ACTION}`, row.STATUS]));
    const get = await runCli(['get', '-o', 'wide', ...flags()]);
    expect(get.code).toBe(0);
    const ours = tableRecords(get.stdout);
    const byAction = Object.fromEntries(ours.map((row) => [`${row.RUN}/${row.ACTION}`, [row.STATUS, row.PHASE]]));
    expect(byAction).toEqual({
      'ok/a0': ['Completed', 'Succeeded'],
      'ok/b': ['Completed', 'Succeeded'],
      'bad/a0': ['Completed', 'Succeeded'],
      'bad/b': ['PermanentFailure', 'Failed'],
      'bad/c': ['Completed', 'Succeeded'],
      'slow/a0': ['Executing', 'Running'],
      // Never seen by an executor: no condition, so kubectl's column is blank, and ours with it.
      'later/a0': ['', 'Pending'],
      'later/b': ['', 'Pending'],
      'stopped/a0': ['Aborted', 'Aborted'],
    });
    expect(Object.fromEntries(ours.map((row) => [`${row.RUN}/${row.ACTION}`, theirs.get(`${row.RUN}/${row.ACTION}`)]))).toEqual(
      Object.fromEntries(ours.map((row) => [`${row.RUN}/${row.ACTION}`, row.STATUS])),
    );
  });
});
