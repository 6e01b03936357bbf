import { execFile, spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../shared/kube/poll-until.js';
import { TASKACTIONS } from '../../shared/task-action/api-constants.js';
import { containerTaskTemplate } from '../../shared/task-action/container-task.js';
import { type TaskAction } from '../../shared/task-action/types.js';
import { assertBuilt, CLI_BUNDLE, runCli } from '../helpers/run-cli.js';
import { clusterUnavailable, useClusterNamespace } from '../harness/cluster/cluster-namespace.js';
import { enqueueRun } from './executor-fixtures.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['true'] });

/** The real kubectl on PATH: what the plugin's output is compared with, byte for byte. */
function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Templates covering kubectl's dialect: range/end, literals, filters, missing fields, slices, recursion, maps. */
const JSONPATH_TEMPLATES = [
  '{.items[*].metadata.name}',
  '{range .items[*]}{.spec.runName}{"\\t"}{.spec.actionName}{"\\n"}{end}',
  '{range .items[*]}{.metadata.name}{": "}{.status.conditions[?(@.type=="Succeeded")].status}{"\\n"}{end}',
  '{.items[?(@.spec.parentActionName=="a0")].spec.actionName}',
  '{.items[?(@.metadata.labels.team)].metadata.labels.team}',
  '[{.items[*].spec.noSuchField}]{.items[0].status.noSuch}|{.items[1].metadata.name}',
  '{.items[0:2].spec.actionName} {.items[-1:].spec.actionName} {.items[::2].spec.actionName}',
  '{..actionName}',
  '{.items[0].metadata.labels}',
  '{.items[*].metadata.ownerReferences[0].name}',
  "{.kind} {.apiVersion}: {range .items[*]}[{.metadata.generation}]{end}",
  '{.items[*].metadata.labels.flyte\\.org/run}',
];

const CUSTOM_COLUMNS = [
  'NAME:.metadata.name,RUN:.spec.runName,STATUS:{.status.conditions[?(@.type=="Succeeded")].status}',
  'action:spec.actionName,team:.metadata.labels.team,parent:.spec.parentActionName,Owners:.metadata.ownerReferences[*].name',
  'A:.spec.actionName,LABELS:.metadata.labels,GEN:.metadata.generation',
];

describe.skipIf(clusterUnavailable())("printing flags match kubectl's output for the same TaskActions", () => {
  const ns = useClusterNamespace('printing');
  const flags = () => ['--kubeconfig', ns.kubeconfig, '-n', ns.namespace];
  const byName = ['--sort-by', '.metadata.name'];

  // Two runs: one with a parent and two children, one with a label only it has and a Succeeded condition.
  beforeAll(async () => {
    await enqueueRun(ns.client, ns.namespace, 'alpha', [
      { name: 'a0', template },
      { name: 'b', parent: 'a0', template },
      { name: 'c', parent: 'a0', template },
    ]);
    const [root] = await enqueueRun(ns.client, ns.namespace, 'beta', [{ name: 'a0', template }]);
    if (root === undefined) throw new Error('nothing enqueued');
    const labelled = await ns.client.replace<TaskAction>(TASKACTIONS, ns.namespace, { ...root, metadata: { ...root.metadata, labels: { ...root.metadata.labels, team: 'ml' } } });
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await ns.client.replace<TaskAction>(
      TASKACTIONS,
      ns.namespace,
      { ...labelled, status: { conditions: [{ type: 'Succeeded', status: 'True', reason: 'Succeeded', message: '', lastTransitionTime: at }] } },
      { subresource: 'status' },
    );
  }, 60_000);

  it.each(JSONPATH_TEMPLATES)('-o jsonpath=%s', async (jsonpath) => {
    const expected = await kubectl(['get', 'taskactions', ...flags(), ...byName, '-o', `jsonpath=${jsonpath}`]);
    expect(expected.stderr).toBe('');
    const actual = await runCli(['get', ...flags(), ...byName, '-o', `jsonpath=${jsonpath}`]);
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stdout).not.toBe('');
  });

  it.each(CUSTOM_COLUMNS)('-o custom-columns=%s', async (spec) => {
    const expected = await kubectl(['get', 'taskactions', ...flags(), ...byName, '-o', `custom-columns=${spec}`]);
    expect(expected.code).toBe(0);
    const actual = await runCli(['get', ...flags(), ...byName, '-o', `custom-columns=${spec}`]);
    expect(actual.stdout).toBe(expected.stdout);
    const headless = await runCli(['get', ...flags(), ...byName, '--no-headers', '-o', `custom-columns=${spec}`]);
    expect(headless.stdout).toBe((await kubectl(['get', 'taskactions', ...flags(), ...byName, '--no-headers', '-o', `custom-columns=${spec}`])).stdout);
  });

  it('sorts by a timestamp and by a number as kubectl does', async () => {
    for (const path of ['.metadata.creationTimestamp', '{.metadata.generation}', 'spec.actionName']) {
      const template = 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}';
      const expected = await kubectl(['get', 'taskactions', ...flags(), '--sort-by', path, '-o', template]);
      const actual = await runCli(['get', ...flags(), '--sort-by', path, '-o', template]);
      // Equal keys keep the listing's order in both; compare the keys' order, which is what --sort-by promises.
      const key = async (names: string) => {
        const out = await kubectl(['get', 'taskactions', ...flags(), '-o', `jsonpath={range .items[*]}{.metadata.name}={${path.startsWith('{') ? path.slice(1, -1) : path.startsWith('.') ? path : `.${path}`}}{"\\n"}{end}`]);
        const byObject = new Map(out.stdout.trim().split('\n').map((line) => line.split('=') as [string, string]));
        return names.trim().split('\n').map((name) => byObject.get(name));
      };
      expect(await key(actual.stdout)).toEqual(await key(expected.stdout));
    }
  });

  it('passes --field-selector to the server', async () => {
    const name = `acme-proj-dev-beta-a0`;
    const result = await runCli(['get', ...flags(), '--field-selector', `metadata.name=${name}`, '-o', 'name']);
    expect(result.stdout).toBe(`taskaction.flyte.org/${name}\n`);
    const refused = await runCli(['get', ...flags(), '--field-selector', 'spec.runName=beta']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error from server \(BadRequest\): .*field label not supported: spec.runName/);
  });

  it('adds -L and --show-labels columns', async () => {
    const result = await runCli(['get', 'beta', ...flags(), '-L', 'team,flyte.org/run', '--show-labels']);
    const [header, row] = result.stdout.trimEnd().split('\n').map((line) => line.split(/\s{3,}/));
    expect(header?.slice(-3)).toEqual(['TEAM', 'RUN', 'LABELS']);
    expect(row?.slice(-3, -1)).toEqual(['ml', 'beta']);
    expect(row?.at(-1)).toMatch(/^flyte\.org\/action=a0,.*,team=ml$/);
  });

  it('lists runs as Run objects for templates, columns and --sort-by', async () => {
    const result = await runCli(['list', ...flags(), '--sort-by', '.metadata.name', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}:{.status.phase}{"\\n"}{end}']);
    expect(result.stdout).toBe('Run/alpha:Pending\nRun/beta:Succeeded\n');
    const columns = await runCli(['list', ...flags(), '--sort-by', '{.metadata.name}', '-o', 'custom-columns=RUN:.metadata.name,ROOT:.spec.root', '--no-headers']);
    expect(columns.stdout).toBe('alpha   acme-proj-dev-alpha-a0\nbeta    acme-proj-dev-beta-a0\n');
  });

  it('enqueue -o jsonpath prints the template for each created object', async () => {
    const result = await runCli(['enqueue', ...flags(), '--run', 'gamma', '--image', 'busybox:1.36', '-o', 'jsonpath={.spec.runName}/{.spec.actionName}{"\\n"}', '--', 'true']);
    expect(result.stdout).toBe('gamma/a0\n');
  });

  it('refuses a bad template naming the flag and the position, and go-template with what to use', async () => {
    const bad = await runCli(['get', ...flags(), '-o', 'jsonpath={.items[?(@.a=="x"]}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: -o jsonpath: invalid template at position 8: unterminated filter: expected ")]"\n  {.items[?(@.a=="x"]}\n         ^\n');
    const go = await runCli(['get', ...flags(), '-o', 'go-template={{.kind}}']);
    expect(go.stderr).toMatch(/^error: -o go-template is not supported.*use -o jsonpath=TEMPLATE/);
  });

  it('-w --watch-only -o name prints only changes, one object per event', async () => {
    assertBuilt();
    const [delta] = await enqueueRun(ns.client, ns.namespace, 'delta', [{ name: 'a0', template }]);
    if (delta === undefined) throw new Error('nothing enqueued');
    const child = spawn(process.execPath, [CLI_BUNDLE, 'get', ...flags(), '-w', '--watch-only', '-o', 'name'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The watch may start after a change: change the object until one is printed (nothing is, before).
    for (let tick = 0; !stdout.includes('delta') && tick < 60; tick++) {
      const current = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, delta.metadata.name ?? '');
      await ns.client.replace<TaskAction>(TASKACTIONS, ns.namespace, { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, tick: String(tick) } } });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        child.stdout.once('data', () => (clearTimeout(timer), resolve()));
      });
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Nothing of the initial list (alpha, beta), only the changed object, a name a line.
    expect(stdout).toMatch(/^(taskaction\.flyte\.org\/acme-proj-dev-delta-a0\n)+$/);
  }, 60_000);
  it('-w on one object by name prints that object and its changes only, as kubectl get -w NAME does', async () => {
    assertBuilt();
    const [watched] = await enqueueRun(ns.client, ns.namespace, 'one', [{ name: 'a0', template }]);
    const [other] = await enqueueRun(ns.client, ns.namespace, 'other', [{ name: 'a0', template }]);
    if (watched === undefined || other === undefined) throw new Error('nothing enqueued');
    const name = watched.metadata.name ?? '';
    const child = spawn(process.execPath, [CLI_BUNDLE, 'get', ...flags(), `taskaction/${name}`, '-w', '-o', 'jsonpath={.metadata.name} {.metadata.labels.tick}{"\\n"}'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await pollUntil(() => Promise.resolve(stdout.startsWith(`${name} \n`)), { timeoutMs: 30_000, what: () => `the object as it is (stdout: ${JSON.stringify(stdout)})` });
    const label = async (object: TaskAction, tick: string) => {
      const current = await ns.client.get<TaskAction>(TASKACTIONS, ns.namespace, object.metadata.name ?? '');
      await ns.client.replace<TaskAction>(TASKACTIONS, ns.namespace, { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, tick } } });
    };
    // The other object changes first: if the watch showed it, its line would come before the watched one's.
    await label(other, 'other');
    await label(watched, '1');
    await pollUntil(() => Promise.resolve(stdout.includes(`${name} 1\n`)), { timeoutMs: 30_000, what: () => `the change (stdout: ${JSON.stringify(stdout)})` });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toBe(`${name} \n${name} 1\n`);
  }, 60_000);
});
