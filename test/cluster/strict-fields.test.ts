import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKubeApiError } from '../../shared/errors/api-error.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kueue-strict-')), name);
  writeFileSync(file, text);
  return file;
}

/** A TaskAction the installed CRD accepts in full (S3 requires org, the current one lacks it), plus `extra` in its spec. */
function taskAction(name: string, extra: Record<string, unknown> = {}): TaskAction {
  return {
    apiVersion: 'flyte.org/v1',
    kind: 'TaskAction',
    metadata: { name },
    spec: {
      runName: 'strict',
      ...(testCrd() === 'flyte-head' ? {} : { org: 'o' }),
      project: 'p',
      domain: 'd',
      actionName: name,
      inputUri: 'file:///tmp/in',
      runOutputBase: 'file:///tmp/out',
      taskType: 'container',
      taskTemplate: 'AA==',
      ...extra,
    },
  };
}

describe.skipIf(clusterUnavailable())('unknown fields on the real API server', () => {
  const ns = useClusterNamespace('strict');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];

  it('prunes an unknown spec field by default and refuses it with fieldValidation=Strict', async () => {
    const pruned = await ns.client.create<TaskAction>(TASKACTIONS, ns.namespace, taskAction('pruned', { retires: 3 }), { dryRun: true });
    expect(pruned.spec).not.toHaveProperty('retires');
    const refused = await ns.client
      .create<TaskAction>(TASKACTIONS, ns.namespace, taskAction('refused', { retires: 3 }), { dryRun: true, fieldValidation: 'Strict' })
      .then(() => undefined, (err: unknown) => err);
    expect(isKubeApiError(refused) && refused.code).toBe(400);
    expect(String(refused)).toContain('unknown field "spec.retires"');
  });

  it.each(['none', 'server', 'client'])('enqueue refuses a misspelt field before creating anything (--dry-run=%s)', async (mode) => {
    const file = tempFile('typo.yaml', 'apiVersion: flyte.org/v1\nkind: TaskAction\nspec:\n  runName: typo\n  actionName: a0\n  retires: 3\n  taskTemplate: {container: {image: busybox, args: [true]}}\n');
    const result = await runCli(['enqueue', '-f', file, `--dry-run=${mode}`, ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}:6:3 (document 1, TaskAction/typo/a0, field spec.retires): unknown field "spec.retires": did you mean "spec.taskTemplate.retries"?`);
    expect(await listTaskActions(ns.client, ns.namespace)).toEqual([]);
  });

  it('enqueue sends fieldValidation=Strict and still creates under a CRD that lacks some of its fields', async () => {
    // Under Flyte's CRDs the creates are first refused for the fields they lack (org, envVars), then sent without.
    const file = tempFile('run.yaml', 'apiVersion: flyte.org/v1\nkind: TaskAction\nspec:\n  runName: lacks\n  actionName: a0\n  envVars: {A: "1"}\n  taskTemplate: {container: {image: busybox, args: [true]}}\n');
    for (const mode of ['server', 'none']) {
      const result = await runCli(['enqueue', '-f', file, `--dry-run=${mode}`, ...flags()]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^taskaction\.flyte\.org\/\S+-lacks-a0 created/);
    }
    const again = await runCli(['enqueue', '-f', file, ...flags()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^taskaction\.flyte\.org\/\S+-lacks-a0 unchanged\n$/);
    expect((await listTaskActions(ns.client, ns.namespace)).map((a) => a.spec.actionName)).toEqual(['a0']);
  });
});
