import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { listTaskActions } from '../../shared/queue/list-task-actions.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { viewTaskTemplateBase64 } from '../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { CLI_BUNDLE, assertBuilt, runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, testCrd, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kueue-enqueue-')), name);
  writeFileSync(file, text);
  return file;
}

/** Starts a long-running CLI command, collects stdout until `until` matches, then interrupts it. */
async function runUntil(args: string[], until: (stdout: string) => boolean, timeoutMs = 30_000): Promise<{ stdout: string; code: number | null }> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await pollUntil(() => Promise.resolve(until(stdout)), { timeoutMs, what: () => `output matching (got:\n${stdout})` });
  } finally {
    child.kill('SIGINT');
  }
  return { stdout, code: await exited };
}

describe.skipIf(clusterUnavailable())('enqueue / get / tree / abort on the real API server', () => {
  const ns = useClusterNamespace('queue');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const actions = () => listTaskActions(ns.client, ns.namespace);
  // No executor runs in these namespaces: enqueue says so once, after what it created.
  const noExecutor = (namespace = ns.namespace) => `no executor is running in namespace ${namespace}; start one with kubectl kueue executor\n`;

  it('enqueues the example run parents first, with labels, ownerReferences and real TaskTemplate bytes', async () => {
    const first = await runCli(['enqueue', '-f', 'examples/run.yaml', ...flags()]);
    expect(first.stderr).toBe(noExecutor());
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual(
      ['a0', 'fetch', 'train', 'evaluate', 'publish'].map((a) => `taskaction.flyte.org/local-default-development-demo-run-${a} created`),
    );
    const all = await actions();
    const byAction = new Map(all.map((a) => [a.spec.actionName, a]));
    const root = byAction.get('a0');
    const train = byAction.get('train');
    const publish = byAction.get('publish');
    expect(root?.metadata.labels).toEqual({
      'flyte.org/org': 'local',
      'flyte.org/project': 'default',
      'flyte.org/domain': 'development',
      'flyte.org/run': 'demo-run',
      'flyte.org/action': 'a0',
      'flyte.org/action-type': 'task',
      'flyte.org/is-root': 'true',
    });
    expect(root?.metadata.ownerReferences).toBeUndefined();
    expect(train?.metadata.ownerReferences).toEqual([
      { apiVersion: 'flyte.org/v1', kind: 'TaskAction', name: root?.metadata.name, uid: root?.metadata.uid, blockOwnerDeletion: true },
    ]);
    expect(publish?.metadata.ownerReferences?.[0]?.uid).toBe(train?.metadata.uid);
    expect(train?.metadata.annotations).toEqual({ 'kueue.dev/after': 'fetch', 'kueue.test/duration': '2s' });
    const trainTemplate = viewTaskTemplateBase64(train?.spec.taskTemplate ?? '');
    expect(trainTemplate.retries).toBe(1);
    expect(trainTemplate.target).toMatchObject({ kind: 'container', image: 'busybox:1.36' });
    const publishTemplate = viewTaskTemplateBase64(publish?.spec.taskTemplate ?? '');
    expect(publishTemplate.sequential).toBe(true);
    expect(publish?.spec.taskType).toBe('sidecar');
    // Converted at enqueue, so that Flyte's executor (which ignores the flag) runs the steps in order too.
    expect(publishTemplate.target).toMatchObject({ kind: 'pod', primaryContainerName: 'upload', podSpec: { initContainers: [{ name: 'kueueleuleu-prepare' }] } });
    // Every container task carries resources (Flyte's S3 executor refuses one without), limits included.
    for (const action of all) {
      const target = viewTaskTemplateBase64(action.spec.taskTemplate ?? '').target;
      if (target.kind !== 'container') continue;
      const expected = action.spec.actionName === 'train' ? { cpu: '100m', memory: '64Mi' } : { cpu: '100m', memory: '128Mi' };
      expect(target.resources, action.spec.actionName).toEqual({ requests: expected, limits: expected });
    }
  });

  it('is idempotent: the same file again reports every action unchanged', async () => {
    const again = await runCli(['enqueue', '-f', 'examples/run.yaml', ...flags()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^(taskaction\.flyte\.org\/\S+ unchanged\n){5}$/);
  });

  it('is idempotent under any CRD, and warns once about meaningful fields the CRD prunes', async () => {
    const action = (name: string) =>
      `apiVersion: flyte.org/v1\nkind: TaskAction\nspec:\n  runName: pruned\n  actionName: ${name}\n${name === 'a0' ? '' : '  parentActionName: a0\n'}` +
      `  cacheKey: k1\n  group: g1\n  envVars: {MODE: fast}\n  interruptible: true\n` +
      `  taskTemplate: {type: container, container: {image: busybox, args: [true]}}\n`;
    const file = tempFile('pruned.yaml', [action('a0'), action('b')].join('---\n'));
    const first = await runCli(['enqueue', '-f', file, ...flags()]);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(['enqueue', '-f', file, ...flags()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^(taskaction\.flyte\.org\/\S+ unchanged\n){2}$/);
    const stored = (await actions()).find((a) => a.spec.runName === 'pruned' && a.spec.actionName === 'b');
    if (testCrd() === 'flyte-s3') {
      // Once per run of the command and field, naming the field and the CRD; the fields are gone from the object.
      for (const result of [first, again]) {
        expect(result.stderr.match(/^Warning: /gm)).toHaveLength(2);
        expect(result.stderr).toMatch(/^Warning: spec\.envVars is dropped: the installed CRD taskactions\.flyte\.org does not have it/m);
        expect(result.stderr).toMatch(/^Warning: spec\.interruptible is dropped/m);
      }
      expect(stored?.spec).not.toHaveProperty('envVars');
      expect(stored?.spec).not.toHaveProperty('cacheKey');
    } else {
      expect(first.stderr + again.stderr).not.toMatch(/Warning/);
      expect(stored?.spec).toMatchObject({ envVars: { MODE: 'fast' }, interruptible: true, cacheKey: 'k1', group: 'g1' });
    }
    // Flyte's current CRD prunes spec.org: the org label still finds the parent and names the run.
    if (testCrd() === 'flyte-head') expect(stored?.spec).not.toHaveProperty('org');
    expect(stored?.metadata.labels?.['flyte.org/org']).toBe('local');
    const tree = await runCli(['tree', 'pruned', ...flags()]);
    expect(tree.stdout).toMatch(/^Run pruned {3}Pending {3}0\/2 {3}local\/default\/development /);
    // The later tests list this namespace: leave only the example run.
    expect((await runCli(['abort', 'run', 'pruned', '--cascade', 'foreground', '--wait', '--timeout', '1m', ...flags()])).code).toBe(0);
  });

  it('lists actions in tree order, wide, as YAML and as names', async () => {
    const table = await runCli(['get', 'demo-run', ...flags()]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+ACTION\s+TASKTYPE\s+STATUS\s+AGE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['a0', 'fetch', 'train', 'evaluate', 'publish']);
    // STATUS is the Progressing reason, as `kubectl get taskactions` shows it: blank before an executor saw it.
    expect(lines[1]).toMatch(/^demo-run\s+a0\s+container\s+\d+s$/);

    const wide = await runCli(['get', 'demo-run', '-o', 'wide', '--no-headers', ...flags()]);
    expect(wide.stdout.split('\n')[0]).toMatch(/^demo-run\s+a0\s+container\s+\d+s\s+Pending\s+Pending 0\/5\s+local-default-development-demo-run-a0$/);
    expect(wide.stdout).toMatch(/^demo-run\s+evaluate\s+container\s+\d+s\s+Pending\s+train\s+local-default-development-demo-run-evaluate$/m);

    const yaml = await runCli(['get', 'demo-run', '-o', 'yaml', ...flags()]);
    const list = parse(yaml.stdout) as { kind: string; items: TaskAction[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.spec.actionName)).toEqual(['a0', 'fetch', 'train', 'evaluate', 'publish']);

    const names = await runCli(['get', '-l', 'flyte.org/is-root=true', '-o', 'name', ...flags()]);
    expect(names.stdout).toBe('taskaction.flyte.org/local-default-development-demo-run-a0\n');

    const everywhere = await runCli(['get', 'demo-run', '-A', '--kubeconfig', ns.kubeconfig]);
    expect(everywhere.stdout).toMatch(new RegExp(`^${ns.namespace}\\s+demo-run\\s+a0`, 'm'));
  });

  it("takes kubectl's flag syntax: -x=value, flags before the command, and -v=6 request traces", async () => {
    const spaced = await runCli(['get', 'demo-run', '-o', 'name', '--kubeconfig', ns.kubeconfig, '-n', ns.namespace]);
    expect(spaced.stdout).toMatch(/demo-run-a0\n/);
    const joined = await runCli(['get', 'demo-run', '-o=name', `-n=${ns.namespace}`, '-l=flyte.org/is-root=true', '--kubeconfig', ns.kubeconfig]);
    expect(joined).toEqual({ ...spaced, stdout: 'taskaction.flyte.org/local-default-development-demo-run-a0\n' });
    const leading = await runCli(['-n', ns.namespace, '--kubeconfig', ns.kubeconfig, 'get', 'demo-run', '-o', 'name']);
    expect(leading).toEqual(spaced);
    const traced = await runCli(['get', 'demo-run', '-o=name', '-v=6', ...flags()]);
    expect(traced.stdout).toBe(spaced.stdout);
    expect(traced.stderr).toMatch(new RegExp(`^GET https://127\\.0\\.0\\.1:\\d+/apis/flyte\\.org/v1/namespaces/${ns.namespace}/taskactions\\?\\S* 200 OK in \\d+ milliseconds$`, 'm'));
  });

  it('draws the run as a tree with kubectl-tree glyphs, or ASCII', async () => {
    const tree = await runCli(['tree', 'demo-run', ...flags()]);
    expect(tree.code).toBe(0);
    const rows = tree.stdout.split('\n').slice(2, 7).map((l) => l.replace(/(\S)\s{2,}.*$/, '$1'));
    expect(rows).toEqual(['◌ a0', '├─ ◌ fetch', '└─ ◌ train', '   ├─ ◌ evaluate', '   └─ ◌ publish']);
    expect(tree.stdout.split('\n')[0]).toBe(`Run demo-run   Pending   0/5   local/default/development   namespace ${ns.namespace}`);
    const ascii = await runCli(['tree', 'demo-run', '--ascii', ...flags()]);
    expect(ascii.stdout.split('\n').slice(2, 7).map((l) => l.replace(/(\S)\s{2,}.*$/, '$1'))).toEqual([
      '. a0',
      '|- . fetch',
      '`- . train',
      '   |- . evaluate',
      '   `- . publish',
    ]);
  });

  it('re-renders live with -w as actions change', async () => {
    const tree = runUntil(['tree', 'demo-run', '-w', ...flags()], (out) => /─ ◌ extra\b/.test(out));
    const watching = runUntil(['get', 'demo-run', '-w', ...flags()], (out) => /\bextra\b/.test(out));
    await new Promise((r) => setTimeout(r, 1500));
    await runCli(['enqueue', '--run', 'demo-run', '--action', 'extra', '--parent', 'fetch', '--image', 'busybox', ...flags()]);
    const { stdout, code } = await watching;
    expect(code).toBe(0);
    const treeOut = await tree;
    expect(treeOut.code).toBe(0);
    expect(treeOut.stdout.split('Run demo-run').length).toBeGreaterThanOrEqual(3);
    // The header is repainted with the tree: the run now counts the new action.
    expect(treeOut.stdout).toContain(`Run demo-run   Pending   0/6   local/default/development   namespace ${ns.namespace}`);
    // Piped, as kubectl: the listing with one header, then one row per change; never a redrawn or repeated table.
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('RUN '))).toEqual([lines[0]]);
    expect(lines.slice(1, 6).map((line) => line.split(/\s+/)[1])).toEqual(['a0', 'fetch', 'train', 'evaluate', 'publish']);
    expect(lines.at(-1)).toMatch(/^demo-run\s+extra\s+container\s+\d+s$/);
    // The new row lines up with the header printed before it.
    expect(lines.at(-1)?.indexOf('container')).toBe(lines[0]?.indexOf('TASKTYPE'));
    expect(lines).toHaveLength(7);
    expect(stdout).not.toContain('\u001b[');
  }, 60_000);

  it('refuses a different spec under an existing name, naming the differing field', async () => {
    const result = await runCli(['enqueue', '--run', 'demo-run', '--action', 'extra', '--parent', 'fetch', '--image', 'alpine', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('already exists with a different spec (spec.taskTemplate)');
  });

  it('names a missing parent and creates nothing', async () => {
    const result = await runCli(['enqueue', '--run', 'orphan', '--action', 'kid', '--parent', 'ghost', '--image', 'busybox', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`parent action "ghost" of run "orphan" not found in namespace "${ns.namespace}"`);
    expect((await actions()).some((a) => a.spec.runName === 'orphan')).toBe(false);
  });

  it('validates names before sending anything', async () => {
    const result = await runCli(['enqueue', '--run', 'r'.repeat(31), '--image', 'busybox', ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/field spec\.runName/);
    expect(result.stderr).toMatch(/31 characters long; at most 30/);
  });

  it('enqueues from flags with env, retries and org/project/domain from the environment', async () => {
    const result = await runCli(['enqueue', '--run', 'flags', '--image', 'busybox', '--env', 'A=1', '--retries', '2', '--', 'sh', '-c', 'echo $A'], {
      env: { KUEUE_ORG: 'acme', KUEUE_PROJECT: 'ml', KUEUE_DOMAIN: 'prod', KUBECONFIG: ns.kubeconfig },
    });
    expect(result.stderr).toBe(noExecutor('default'));
    expect(result.stdout).toBe('taskaction.flyte.org/acme-ml-prod-flags-a0 created\n');
    const created = await ns.client.get<TaskAction>(TASKACTIONS, 'default', 'acme-ml-prod-flags-a0').catch(() => undefined);
    // KUBECONFIG's context namespace is "default": the action went there, not into the test namespace.
    expect(created?.spec.project).toBe('ml');
    const view = viewTaskTemplateBase64(created?.spec.taskTemplate ?? '');
    expect(view.retries).toBe(2);
    expect(view.target).toMatchObject({ kind: 'container', command: ['sh', '-c', 'echo $A'], env: [{ name: 'A', value: '1' }] });
    expect(view.target).toMatchObject({ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } } });
    await runCli(['abort', 'run', 'flags', '--org', 'acme', '--project', 'ml', '--domain', 'prod', '--kubeconfig', ns.kubeconfig, '-n', 'default']);
  });

  it('enqueues a Pod manifest as a pod task, converted to sequential containers with --sequential', async () => {
    const result = await runCli(['enqueue', '--run', 'podrun', '-f', 'examples/pipeline-pod.yaml', '--sequential', '-o', 'json', ...flags()]);
    expect(result.stderr).toBe(noExecutor());
    const created = JSON.parse(result.stdout) as TaskAction;
    expect(created.spec.taskType).toBe('sidecar');
    const view = viewTaskTemplateBase64(created.spec.taskTemplate ?? '');
    expect(view.sequential).toBe(true);
    const target = view.target as { kind: string; podSpec: { initContainers: { name: string }[]; containers: { command: string[] }[] }; primaryContainerName: string };
    expect(target.kind).toBe('pod');
    expect(target.podSpec.initContainers[0]?.name).toBe('kueueleuleu-prepare');
    expect(target.podSpec.containers[0]?.command).toEqual(['/tekton/bin/entrypoint']);
    expect(target.primaryContainerName).toBe('publish');
    // The step that requests resources has limits too: Flyte's executor would otherwise write a 0 limit.
    const train = (target.podSpec.containers as { name?: string; resources?: object }[]).find((c) => c.name === 'train');
    expect(train?.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } });
  });

  it('enqueues container tasks from flags with --requests and --limits, and a Job with a limit for every request', async () => {
    const flagged = await runCli(['enqueue', '--run', 'sized', '--image', 'busybox', '--requests', 'cpu=250m', '--limits', 'memory=256Mi', '-o', 'json', ...flags(), '--', 'true']);
    expect(flagged.stderr).toBe(noExecutor());
    const sized = viewTaskTemplateBase64((JSON.parse(flagged.stdout) as TaskAction).spec.taskTemplate ?? '');
    expect(sized.target).toMatchObject({ resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } } });

    const job = tempFile(
      'job.yaml',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: load}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n' +
        '      initContainers: [{name: init, image: busybox, command: ["true"], resources: {requests: {cpu: 50m}}}]\n' +
        '      containers: [{name: main, image: busybox, command: ["true"], resources: {requests: {memory: 32Mi}, limits: {cpu: 200m}}}]\n',
    );
    const fromJob = await runCli(['enqueue', '--run', 'sized', '--action', 'load', '--parent', 'a0', '-f', job, '-o', 'json', ...flags()]);
    expect(fromJob.stderr).toBe(noExecutor());
    const target = viewTaskTemplateBase64((JSON.parse(fromJob.stdout) as TaskAction).spec.taskTemplate ?? '').target as unknown as { podSpec: { initContainers: { resources: object }[]; containers: { resources: object }[] } };
    expect(target.podSpec.initContainers[0]?.resources).toEqual({ requests: { cpu: '50m' }, limits: { cpu: '50m' } });
    expect(target.podSpec.containers[0]?.resources).toEqual({ requests: { memory: '32Mi', cpu: '200m' }, limits: { cpu: '200m', memory: '32Mi' } });

    const refused = await runCli(['enqueue', '--run', 'sized', '--action', 'load2', '--parent', 'a0', '-f', job, '--limits', 'cpu=1', ...flags()]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--requests and --limits apply to container tasks, and Job/load is a pod task');
    await runCli(['abort', 'run', 'sized', ...flags()]);
  });

  it('server dry run validates with the API server and stores nothing; client dry run needs no cluster', async () => {
    const server = await runCli(['enqueue', '--run', 'dry', '--image', 'busybox', '--dry-run=server', ...flags()]);
    expect(server.stdout).toBe('taskaction.flyte.org/local-default-development-dry-a0 created (server dry run)\n');
    expect((await actions()).some((a) => a.spec.runName === 'dry')).toBe(false);
    const client = await runCli(['enqueue', '-f', 'examples/run.yaml', '--dry-run', '-o', 'yaml', '--server', 'https://127.0.0.1:1', '--insecure-skip-tls-verify']);
    expect(client.code).toBe(0);
    expect((parse(client.stdout) as { items: unknown[] }).items).toHaveLength(5);
  });

  it('reports bad input with file, line and what to do', async () => {
    const file = tempFile('bad.yaml', 'apiVersion: flyte.org/v1\nkind: TaskAction\nspec:\n  runName: x\n  runName: y\n');
    const dup = await runCli(['enqueue', '-f', file, ...flags()]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5:3 \\(document 1\\): Map keys must be unique$`, 'm'));
    const svc = tempFile('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
    const wrongKind = await runCli(['enqueue', '-f', svc, '--run', 'x', ...flags()]);
    expect(wrongKind.stderr).toContain('Service/web (apiVersion v1) cannot be enqueued');
    const noImage = await runCli(['enqueue', '--run', 'x', ...flags()]);
    expect(noImage.stderr).toContain('error: --image is required for a container task');
  });

  it('completes run and action names from the cluster', async () => {
    const runs = await runCli(['__complete', 'tree', ...flags(), 'demo']);
    expect(runs.stdout).toBe('demo-run\n:4\n');
    const actionNames = await runCli(['__complete', 'abort', 'action', '--run', 'demo-run', ...flags(), 'e']);
    expect(actionNames.stdout).toBe('evaluate\nextra\n:4\n');
  });

  it('aborts one action: only its subtree disappears, through the garbage collector', async () => {
    const result = await runCli(['abort', 'action', 'train', '--run', 'demo-run', '--wait', ...flags()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('taskaction.flyte.org/local-default-development-demo-run-train deleted\n');
    expect(result.stderr).toMatch(/waiting: 0 TaskAction\(s\) left\n$/);
    const left = (await actions()).filter((a) => a.spec.runName === 'demo-run').map((a) => a.spec.actionName).sort();
    expect(left).toEqual(['a0', 'extra', 'fetch']);
  });

  it('reports the delete that happened when --wait then times out, with the limit as given', async () => {
    const enqueued = await runCli(['enqueue', '--run', 'held', '--image', 'busybox:1.36', ...flags()]);
    expect(enqueued.code).toBe(0);
    const [root] = (await actions()).filter((a) => a.spec.runName === 'held');
    const name = root?.metadata.name ?? '';
    // A finalizer nobody removes keeps the object after its delete, so the wait cannot end in time.
    await ns.client.patch(TASKACTIONS, ns.namespace, name, { metadata: { finalizers: ['kueue.test/hold'] } }, 'merge');
    try {
      const result = await runCli(['abort', 'run', 'held', '--wait', '--timeout', '2s', ...flags()]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`taskaction.flyte.org/${name} deleted\n`);
      expect(result.stderr).toMatch(/error: timed out after 2s waiting for run "held" to be deleted/);
    } finally {
      await ns.client.patch(TASKACTIONS, ns.namespace, name, { metadata: { finalizers: null } }, 'merge');
    }
  });

  it('aborts a run with one delete (foreground cascade, waiting), and again is a no-op with a note', async () => {
    const result = await runCli(['abort', 'run', 'demo-run', '--cascade', 'foreground', '--wait', '--timeout', '1m', ...flags()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('taskaction.flyte.org/local-default-development-demo-run-a0 deleted\n');
    expect((await actions()).filter((a) => a.spec.runName === 'demo-run')).toEqual([]);
    const again = await runCli(['abort', 'run', 'demo-run', ...flags()]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`run "demo-run" not found in namespace "${ns.namespace}": nothing to abort\n`);
    const missingAction = await runCli(['abort', 'action', 'nope', '--run', 'demo-run', ...flags()]);
    expect(missingAction.code).toBe(0);
    expect(missingAction.stderr).toContain('action "nope" of run "demo-run" not found');
    const badCascade = await runCli(['abort', 'run', 'x', '--cascade', 'sideways', ...flags()]);
    expect(badCascade.stderr).toBe('error: --cascade must be one of background|foreground|orphan, got "sideways"\n');
  });

  it('says so when there is nothing to list, and errors like kubectl for a missing run tree', async () => {
    const empty = await runCli(['get', 'nothing-here', ...flags()]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe(`No resources found in ${ns.namespace} namespace.\n`);
    const tree = await runCli(['tree', 'nothing-here', ...flags()]);
    expect(tree.code).toBe(1);
    expect(tree.stderr).toContain(`error: run "nothing-here" not found in namespace "${ns.namespace}"`);
  });

  it('reports an unreachable API server without a stack trace', async () => {
    const result = await runCli(['get', '--server', 'https://127.0.0.1:1', '--insecure-skip-tls-verify', '--token', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Unable to connect to the server https:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says the TaskAction CRD is not installed, and what to do, where the server has no such resource type', async () => {
    // The real API server answers a path it has no resource for with its router's `404 page not found`: served
    // here by asking for a version of the group that does not exist, and by a server URL with a path prefix.
    const missing = ns.client.list({ group: 'flyte.org', version: 'v0alpha9', plural: 'taskactions', kind: 'TaskAction', namespaced: true }, ns.namespace);
    await expect(missing).rejects.toThrow('the server doesn\'t have a resource type "taskactions"');
    const server = (parse(readFileSync(ns.kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0]?.cluster.server ?? '';
    const result = await runCli(['get', '--server', `${server}/nothing-here`, ...flags()]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      'error: the server doesn\'t have a resource type "taskactions"\n' +
        '  hint: the TaskAction CRD is not installed in this cluster: run `kubectl kueue install` (needs cluster-admin), or check --context\n',
    );
  });
  it('get addresses RUN ACTION and taskaction/NAME, and adds PROJECT where runs of several projects share a name', async () => {
    const twin = (project: string) => runCli(['enqueue', '--run', 'twin', '--project', project, '--image', 'busybox:1.36', ...flags(), '--', 'true']);
    expect((await twin('default')).code).toBe(0);
    expect((await twin('ml')).code).toBe(0);
    const both = await runCli(['get', 'twin', ...flags()]);
    expect(both.code).toBe(0);
    expect(both.stdout.split('\n')[0]).toMatch(/^RUN\s+PROJECT\s+ACTION\s+TASKTYPE\s+STATUS\s+AGE$/);
    expect(both.stdout).toMatch(/^twin\s+default\s+a0\s/m);
    expect(both.stdout).toMatch(/^twin\s+ml\s+a0\s/m);
    // One project: RUN is enough, no PROJECT column.
    const one = await runCli(['get', 'twin', '--project', 'ml', ...flags()]);
    expect(one.stdout.split('\n')[0]).toMatch(/^RUN\s+ACTION\s+TASKTYPE\s+STATUS\s+AGE$/);

    const pair = await runCli(['get', 'twin', 'a0', '--project', 'ml', '-o', 'yaml', ...flags()]);
    expect(pair.code).toBe(0);
    // One object picked out prints as itself, as `kubectl get ta NAME -o yaml` does.
    expect(parse(pair.stdout)).toMatchObject({ kind: 'TaskAction', metadata: { name: 'local-ml-development-twin-a0' } });
    const byName = await runCli(['get', 'taskaction/local-ml-development-twin-a0', '-o', 'wide', ...flags()]);
    expect(byName.code).toBe(0);
    expect(byName.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(byName.stdout).toMatch(/^twin\s+a0\s+container\s+\d+s\s+Pending\s+Pending 0\/1\s+local-ml-development-twin-a0$/m);
    for (const spelling of ['ta', 'taskactions', 'taskaction.flyte.org']) {
      const named = await runCli(['get', `${spelling}/local-ml-development-twin-a0`, '-o', 'name', ...flags()]);
      expect(named.stdout).toBe('taskaction.flyte.org/local-ml-development-twin-a0\n');
    }

    const missing = await runCli(['get', 'taskaction/nope', ...flags()]);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'Error from server (NotFound): taskactions.flyte.org "nope" not found\n' });
    const noAction = await runCli(['get', 'twin', 'nope', ...flags()]);
    expect(noAction).toMatchObject({ code: 1, stdout: '' });
    expect(noAction.stderr).toBe(`error: action "nope" of run "twin" not found in namespace "${ns.namespace}"\n  hint: kubectl kueue get twin lists the run's actions\n`);
    const wrongType = await runCli(['get', 'pod/x', ...flags()]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toBe('error: get lists TaskActions only: "pod" in "pod/x" is not a TaskAction type\n  hint: write taskaction/NAME (or ta/NAME)\n');
    const across = await runCli(['get', 'ta/local-ml-development-twin-a0', '-A', '--kubeconfig', ns.kubeconfig]);
    expect(across.code).toBe(1);
    expect(across.stderr).toMatch(/^error: a resource cannot be retrieved by name across all namespaces\n/);
    // A bare word is a run name; a TaskAction of that name gets a hint, not a silent change of meaning.
    const fullName = await runCli(['get', 'local-ml-development-twin-a0', ...flags()]);
    expect(fullName).toMatchObject({ code: 0, stdout: '' });
    expect(fullName.stderr).toBe(
      `No resources found in ${ns.namespace} namespace.\n  hint: no run is named "local-ml-development-twin-a0", but a TaskAction is: kubectl kueue get taskaction/local-ml-development-twin-a0\n`,
    );
  });
});
