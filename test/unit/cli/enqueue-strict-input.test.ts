import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { viewTaskTemplateBase64 } from '../../../shared/task-action/task-template-view.js';
import { type TaskAction } from '../../../shared/task-action/types.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

/** A client dry run needs no cluster; server dry runs fail before connecting when the input is refused. */
const OFFLINE = ['--server', 'https://127.0.0.1:1', '--insecure-skip-tls-verify'];
const dir = mkdtempSync(path.join(tmpdir(), 'kueue-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

const TASK_ACTION_TYPOS = file('typos.yaml', `apiVersion: flyte.org/v1
kind: TaskAction
spec:
  runName: r
  actionName: a0
  retires: 3
  taskTemplate:
    container:
      image: busybox
      comand: [echo, hi]
`);

const NO_COMMAND_TEXT = `apiVersion: v1
kind: Pod
metadata:
  name: nocmd
spec:
  containers:
  - name: a
    image: busybox
`;
const NO_COMMAND = file('nocmd.yaml', NO_COMMAND_TEXT);
const POD_TYPO = file('pod.yaml', `${NO_COMMAND_TEXT}    comand: [echo]\n`);

function job(spec: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
${spec}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: a
        image: busybox
        command: [echo]
`;
}

const RUN_FILE = file('run.yaml', `apiVersion: flyte.org/v1
kind: TaskAction
spec: {runName: r, actionName: a0, taskTemplate: {container: {image: busybox}}}
---
apiVersion: flyte.org/v1
kind: TaskAction
spec: {runName: r, actionName: b, parentActionName: a0, taskTemplate: {container: {image: busybox}}}
`);

describe('enqueue refuses unknown fields', () => {
  it.each(['client', 'server', 'none'])('in a TaskAction, all at once, with where and a did-you-mean (--dry-run=%s)', async (mode) => {
    const result = await runCliInProcess(['enqueue', '-f', TASK_ACTION_TYPOS, `--dry-run=${mode}`, ...OFFLINE]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${TASK_ACTION_TYPOS}:6:3 (document 1, TaskAction/r/a0, field spec.retires): unknown field "spec.retires": did you mean "spec.taskTemplate.retries"?`);
    expect(result.stderr).toContain(`${TASK_ACTION_TYPOS}:10:7 (document 1, TaskAction/r/a0, field spec.taskTemplate.container.comand): unknown field "spec.taskTemplate.container.comand": did you mean "spec.taskTemplate.container.command"?`);
  });

  it('in a Pod\'s containers', async () => {
    const result = await runCliInProcess(['enqueue', '--run', 'r', '-f', POD_TYPO, '--dry-run', ...OFFLINE]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${POD_TYPO}:9:5 (document 1, Pod/nocmd, field spec.containers[0].comand): unknown field "spec.containers[0].comand": did you mean "spec.containers[0].command"?`);
  });

  it('in a Job\'s spec and pod template', async () => {
    const typo = file('job-typo.yaml', job('  backofLimit: 2\n').replace('restartPolicy', 'restartPolicyy'));
    const result = await runCliInProcess(['enqueue', '--run', 'r', '-f', typo, '--dry-run', ...OFFLINE]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown field "spec.backofLimit": did you mean "spec.backoffLimit"?');
    expect(result.stderr).toContain('unknown field "spec.template.spec.restartPolicyy": did you mean "spec.template.spec.restartPolicy"?');
  });
});

describe('enqueue of a Job', () => {
  async function enqueueJob(spec: string, extra: string[] = []) {
    const result = await runCliInProcess(['enqueue', '--run', 'r', '-f', file(`job-${Math.random()}.yaml`, job(spec)), '--dry-run', '-o', 'yaml', ...extra, ...OFFLINE]);
    const action = result.code === 0 ? (parse(result.stdout) as TaskAction) : undefined;
    const metadata = action ? viewTaskTemplateBase64(action.spec.taskTemplate ?? '') : undefined;
    return { result, metadata };
  }

  it('maps backoffLimit to retries and activeDeadlineSeconds to the timeout', async () => {
    const { result, metadata } = await enqueueJob('  backoffLimit: 2\n  activeDeadlineSeconds: 90\n');
    expect(result.stderr).toBe('');
    expect(metadata?.retries).toBe(2);
    expect(metadata?.timeoutSeconds).toBe(90);
  });

  it('lets --retries win over backoffLimit', async () => {
    const { metadata } = await enqueueJob('  backoffLimit: 2\n', ['--retries', '5']);
    expect(metadata?.retries).toBe(5);
  });

  it.each(['parallelism', 'completions'])('refuses %s above 1, naming the field', async (field) => {
    const { result } = await enqueueJob(`  ${field}: 3\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`:6:3 \\(document 1, Job/j, field spec\\.${field}\\): spec\\.${field} is 3, and a TaskAction runs one Pod at a time`));
  });

  it('accepts parallelism and completions of 1, and defaults as kubectl shows them, without a word', async () => {
    const { result } = await enqueueJob('  parallelism: 1\n  completions: 1\n  completionMode: NonIndexed\n  suspend: false\n  selector: {matchLabels: {a: b}}\n');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('warns once for each spec field it drops', async () => {
    const { result } = await enqueueJob('  ttlSecondsAfterFinished: 100\n  podFailurePolicy: {rules: []}\n');
    expect(result.code).toBe(0);
    const warnings = result.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Warning: .*:6:3 \(document 1, Job\/j, field spec\.ttlSecondsAfterFinished\): spec\.ttlSecondsAfterFinished is dropped/);
    expect(warnings[1]).toMatch(/field spec\.podFailurePolicy\): spec\.podFailurePolicy is dropped/);
  });
});

describe('enqueue refuses flags that would do nothing', () => {
  it.each([
    [['-f', RUN_FILE, '--parent', 'a0'], '--parent cannot be combined with TaskAction documents'],
    [['-f', RUN_FILE, '--action', 'zz'], '--action cannot be combined with TaskAction documents'],
    [['-f', RUN_FILE, '--sequential'], '--sequential cannot be combined with TaskAction documents'],
    [['--run', 'r', '--image', 'busybox', '--sequential'], '--sequential applies to a Pod or Job given with -f'],
    [['--run', 'r', '--image', 'busybox', '-R'], '--recursive applies to directories given with -f'],
    [['-f', POD_TYPO, '--image', 'busybox'], '--image cannot be combined with -f'],
    [['-f', RUN_FILE, '--task-type', 'python-task'], '--task-type cannot be combined with -f'],
    [['-f', RUN_FILE, '--env', 'A=1'], '--env cannot be combined with -f'],
    [['-f', RUN_FILE, '--', 'echo'], 'give either -f or a command after --, not both'],
  ])('%j', async (args, message) => {
    const result = await runCliInProcess(['enqueue', ...args, '--dry-run', ...OFFLINE]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('still takes --action and --parent for a Pod', async () => {
    const pod = file('ok-pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {restartPolicy: Never, containers: [{name: a, image: busybox, command: [echo]}]}\n');
    const result = await runCliInProcess(['enqueue', '--run', 'r', '-f', pod, '--action', 'b', '--parent', 'a0', '--dry-run', ...OFFLINE]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('taskaction.flyte.org/local-default-development-r-b created (dry run)\n');
  });
});

describe('enqueue error locations', () => {
  it('places a Pod\'s errors at the field, as convert does', async () => {
    const enqueued = await runCliInProcess(['enqueue', '--run', 'j1', '-f', NO_COMMAND, '--sequential', '--dry-run', ...OFFLINE]);
    const converted = await runCliInProcess(['convert', '-f', NO_COMMAND]);
    expect(enqueued.code).toBe(1);
    expect(enqueued.stderr).toContain(`${NO_COMMAND}:7:5 (document 1, Pod/nocmd, field spec.containers[0].command)`);
    expect(converted.stderr.split('\n')[0]).toBe(enqueued.stderr.split('\n')[0]);
  });
});
