import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseResourceList } from '../../../kubectl-plugin/flags/resource-list-flag.js';
import { viewTaskTemplateBase64 } from '../../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

/** A client dry run needs no cluster: the objects as they would be sent. */
const DRY = ['--dry-run', '-o', 'yaml', '--server', 'https://127.0.0.1:1', '--insecure-skip-tls-verify'];

async function enqueued(args: string[], input?: string): Promise<TaskAction[]> {
  const result = await runCliInProcess(['enqueue', ...DRY, ...args], input === undefined ? {} : { input });
  expect(result.stderr).toBe('');
  const parsed = parse(result.stdout) as TaskAction | { items: TaskAction[] };
  return 'items' in parsed ? parsed.items : [parsed];
}

function resourcesOf(action: TaskAction | undefined): unknown {
  const target = viewTaskTemplateBase64(action?.spec.taskTemplate ?? '').target;
  return target.kind === 'container' ? target.resources : undefined;
}

describe('parseResourceList', () => {
  it('reads comma-separated and repeated NAME=QUANTITY entries', () => {
    expect(parseResourceList(undefined, '--requests')).toBeUndefined();
    expect(parseResourceList(['cpu=100m,memory=128Mi', 'gpu=1'], '--requests')).toEqual({ cpu: '100m', memory: '128Mi', gpu: '1' });
  });

  it.each([
    ['cpu', '--requests "cpu" is not NAME=QUANTITY'],
    ['cpu=100m,', '--requests "" is not NAME=QUANTITY'],
    ['=1', '--requests "=1" is not NAME=QUANTITY'],
    ['cpus=1', '--requests names an unknown resource "cpus"'],
    ['memory=1 GB', '--requests "1 GB" is not a valid quantity for memory'],
    ['cpu=1,cpu=2', '--requests gives cpu twice'],
  ])('refuses %j', (value, message) => {
    expect(() => parseResourceList([value], '--requests')).toThrow(message);
  });
});

describe('enqueue resources', () => {
  it('gives a container task from flags the default resources, limits equal to the requests', async () => {
    const [action] = await enqueued(['--run', 'r', '--image', 'busybox', '--', 'true']);
    expect(resourcesOf(action)).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
  });

  it('takes --requests and --limits, filling the rest as Flyte\'s executor does', async () => {
    const [action] = await enqueued(['--run', 'r', '--image', 'busybox', '--requests', 'cpu=2', '--limits', 'memory=4Gi,cpu=4']);
    expect(resourcesOf(action)).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '4', memory: '4Gi' } });
  });

  it('uses the flags for the container tasks of a TaskAction file that give no resources of their own', async () => {
    const yaml = [
      'apiVersion: flyte.org/v1\nkind: TaskAction\nspec: {runName: r, actionName: a0, taskTemplate: {container: {image: busybox}}}',
      'apiVersion: flyte.org/v1\nkind: TaskAction\nspec: {runName: r, actionName: b, parentActionName: a0, taskTemplate: {container: {image: busybox, resources: {limits: {memory: 1Gi}}}}}',
    ].join('\n---\n');
    const [root, child] = await enqueued(['-f', '-', '--requests', 'cpu=250m'], yaml);
    expect(resourcesOf(root)).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '250m', memory: '128Mi' } });
    expect(resourcesOf(child)).toEqual({ requests: { memory: '1Gi', cpu: '100m' }, limits: { memory: '1Gi', cpu: '100m' } });
  });

  it.each([
    [['--requests', 'cpu=fast'], 'error: --requests "fast" is not a valid quantity for cpu\n  hint: use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi\n'],
    [['--limits', 'disk=1Gi'], 'error: --limits names an unknown resource "disk"\n'],
    [['--requests', 'cpu=2', '--limits', 'cpu=1'], 'error: --requests/--limits: the cpu request 2 is more than its limit 1\n'],
  ])('refuses bad resource flags %j, naming the flag', async (flags, message) => {
    const result = await runCliInProcess(['enqueue', '--run', 'r', '--image', 'busybox', ...flags, ...DRY]);
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(message)).toBe(true);
  });

  it('refuses resource flags for a Pod, which sets its own', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox}]}\n';
    const result = await runCliInProcess(['enqueue', '--run', 'r', '-f', '-', '--requests', 'cpu=1', ...DRY], { input: pod });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--requests and --limits apply to container tasks, and Pod/p is a pod task');
  });
});
