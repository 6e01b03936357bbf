import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { dyingActions, enqueueActions } from '../../shared/queue/index.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { type ActionDescription, containerTaskTemplate } from '../../shared/task-action/index.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

/** A root, 30 children and 9 grandchildren each (301 actions): three levels the garbage collector deletes in turn. */
function runYaml(runName: string): { text: string; count: number } {
  const docs: string[] = [];
  const doc = (action: string, parent?: string) =>
    [
      'apiVersion: flyte.org/v1',
      'kind: TaskAction',
      'spec:',
      `  runName: ${runName}`,
      `  actionName: ${action}`,
      ...(parent !== undefined ? [`  parentActionName: ${parent}`] : []),
      '  taskTemplate:',
      '    container:',
      '      image: busybox:1.36',
      '      command: [sh, -c, "true"]',
    ].join('\n');
  docs.push(doc('a0'));
  for (let c = 0; c < 30; c++) {
    docs.push(doc(`c${c}`, 'a0'));
    for (let g = 0; g < 9; g++) docs.push(doc(`c${c}g${g}`, `c${c}`));
  }
  return { text: docs.join('\n---\n') + '\n', count: docs.length };
}

describe.skipIf(clusterUnavailable())('enqueue again right after abort', () => {
  const ns = useClusterNamespace('reenqueue');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const live = async () => {
    const all = await listTaskActions(ns.client, ns.namespace);
    const dying = new Set(dyingActions(all));
    return all.filter((a) => !dying.has(a));
  };
  /** Every TaskAction of the namespace once the garbage collector is done with whatever was being deleted. */
  const settled = async () => {
    await pollUntil(async () => dyingActions(await listTaskActions(ns.client, ns.namespace)).length === 0, {
      timeoutMs: 180_000,
      what: () => 'the garbage collector to finish',
    });
    return listTaskActions(ns.client, ns.namespace);
  };

  it('never reports created/unchanged for actions that then vanish; refuses while the run is being deleted', async () => {
    const { text, count } = runYaml('race');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kueue-reenqueue-')), 'race.yaml');
    writeFileSync(file, text);
    expect((await runCli(['enqueue', '-f', file, ...flags()])).code).toBe(0);
    expect(await live()).toHaveLength(count);
    expect((await runCli(['abort', 'run', 'race', ...flags()])).code).toBe(0);
    const again = await runCli(['enqueue', '-f', file, ...flags()]);
    if (again.code === 0) {
      // The garbage collector was faster than us: then every reported action must stay.
      const reported = again.stdout.trim().split('\n');
      expect(reported).toHaveLength(count);
    } else {
      expect(again.stderr).toMatch(/^error: run race is still being deleted \(\d+ actions left\)\n {2}hint: retry when it is gone or use --wait/);
      expect(again.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    const final = await settled();
    const reportedNames = again.code === 0 ? again.stdout.trim().split('\n').map((l) => l.split(' ')[0]?.split('/')[1]) : [];
    const existing = new Set(final.map((a) => a.metadata.name));
    for (const name of reportedNames) expect(existing.has(name)).toBe(true);
    if (again.code !== 0) {
      // Whatever was created before the refusal is kept truthfully; a retry once the run is gone completes it.
      const retry = await runCli(['enqueue', '-f', file, ...flags()]);
      expect(retry.stderr).not.toMatch(/still being deleted/);
      expect(retry.code).toBe(0);
    }
    const after = await settled();
    expect(after).toHaveLength(count);
    expect(dyingActions(after)).toEqual([]);
  }, 600_000);

  it('waits for the earlier run to be deleted when asked, then creates every action', async () => {
    const { text, count } = runYaml('waited');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kueue-reenqueue-')), 'waited.yaml');
    writeFileSync(file, text);
    expect((await runCli(['enqueue', '-f', file, ...flags()])).code).toBe(0);
    const actions = (await listTaskActions(ns.client, ns.namespace)).filter((a) => a.spec.runName === 'waited');
    expect(actions).toHaveLength(count);
    expect((await runCli(['abort', 'run', 'waited', ...flags()])).code).toBe(0);
    const descriptions: ActionDescription[] = actions.map((a) => ({
      org: a.spec.org ?? 'local',
      project: a.spec.project,
      domain: a.spec.domain,
      runName: a.spec.runName,
      actionName: a.spec.actionName,
      ...(a.spec.parentActionName !== undefined ? { parentActionName: a.spec.parentActionName } : {}),
      taskTemplate: containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c', 'true'] }),
    }));
    let progressed = 0;
    const results = await enqueueActions(ns.client, descriptions, {
      namespace: ns.namespace,
      concurrency: 16,
      waitForDeletion: { timeoutMs: 180_000, onProgress: () => progressed++ },
    });
    expect(results).toHaveLength(count);
    const after = await settled();
    const names = new Set(after.filter((a) => a.spec.runName === 'waited').map((a) => a.metadata.name));
    for (const result of results) expect(names.has(result.name)).toBe(true);
    expect(names.size).toBe(count);
    expect(progressed + results.filter((r) => r.outcome === 'created').length).toBeGreaterThan(0);
  }, 600_000);
});
