import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE, runCli } from '../../helpers/run-cli.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const FIXTURES = path.resolve('test/fixtures/convert');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8');

const POD = `# a two-step pod
apiVersion: v1
kind: Pod
metadata:
  name: two-steps   # keep me
spec:
  restartPolicy: Never
  containers:
  - name: a
    image: busybox
    command: [echo, a]
  - name: b
    image: busybox
    command: [echo, b]
`;
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: value\n';
const NO_COMMAND = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  restartPolicy: Never\n  containers:\n  - name: a\n    image: busybox\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kueue-convert-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('kubectl kueue convert', { timeout: 30_000 }, () => {
  it('converts standard input to standard output and reports on stderr', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['convert', '-f', '-'], { input: POD });
    expect(code).toBe(0);
    expect(stdout.startsWith('# a two-step pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: two-steps   # keep me\n')).toBe(true);
    expect(stdout).toContain('- name: kueueleuleu-prepare');
    expect(stderr).toBe('Pod/two-steps converted\n');
  });

  it('passes other kinds through and names them on stderr; --strict makes them an error', async () => {
    const input = `${CONFIG_MAP}---\n${POD}`;
    const lenient = await runCliInProcess(['convert', '-f', '-'], { input });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout.startsWith(`${CONFIG_MAP}---\n`)).toBe(true);
    expect(lenient.stderr).toContain('ConfigMap/settings unchanged: v1 ConfigMap is not a v1 Pod, batch/v1 Job or batch/v1 CronJob\n');

    const strict = await runCliInProcess(['convert', '-f', '-', '--strict'], { input });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^error: STDIN:1:1 \(document 1, ConfigMap\/settings\): v1 ConfigMap is not a v1 Pod, batch\/v1 Job or batch\/v1 CronJob \(--strict\)\n/);
  });

  it('reads directories, recursively with -R, and joins the outputs into one stream', async () => {
    const dir = workspace({ 'a.yaml': POD, 'notes.txt': 'not a manifest', 'nested/b.yml': CONFIG_MAP });
    const flat = await runCliInProcess(['convert', '-f', dir]);
    expect(flat.code).toBe(0);
    expect(flat.stderr).toBe(`Pod/two-steps converted (${path.join(dir, 'a.yaml')})\n`);

    const deep = await runCliInProcess(['convert', '-f', dir, '-R']);
    expect(deep.code).toBe(0);
    expect(deep.stdout.endsWith(`\n---\n${CONFIG_MAP}`)).toBe(true);
    expect(deep.stderr).toContain('ConfigMap/settings unchanged');
  });

  it('takes several -f, in order', async () => {
    const dir = workspace({ 'one.yaml': CONFIG_MAP, 'two.yaml': POD });
    const { code, stdout } = await runCliInProcess(['convert', '-f', path.join(dir, 'two.yaml'), '-f', path.join(dir, 'one.yaml')]);
    expect(code).toBe(0);
    expect(stdout.indexOf('two-steps')).toBeLessThan(stdout.indexOf('settings'));
  });

  it('rewrites files in place, atomically, keeping comments; revert --in-place gives back the same bytes', async () => {
    const dir = workspace({ 'pod.yaml': POD, 'config.yaml': CONFIG_MAP, 'sub/job.yaml': fixture('job') });
    chmodSync(path.join(dir, 'pod.yaml'), 0o640);
    const before = snapshot(dir);
    const convert = await runCliInProcess(['convert', '-f', dir, '-R', '--in-place']);
    expect(convert.code).toBe(0);
    expect(convert.stdout).toBe('');
    expect(convert.stderr).toContain(`${path.join(dir, 'pod.yaml')} rewritten\n`);
    const after = snapshot(dir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after['config.yaml']).toBe(CONFIG_MAP);
    expect(after['pod.yaml']).toContain('  name: two-steps   # keep me\n');
    expect(after['sub/job.yaml']).toContain('kueueleuleu-prepare');
    expect(statSync(path.join(dir, 'pod.yaml')).mode & 0o777).toBe(0o640);

    const revert = await runCliInProcess(['revert', '-f', dir, '-R', '--in-place']);
    expect(revert.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('changes nothing and prints nothing on stdout when any input has a problem', async () => {
    const dir = workspace({ 'a-good.yaml': POD, 'b-bad.yaml': NO_COMMAND });
    const before = snapshot(dir);
    for (const extra of [[], ['--in-place']]) {
      const { code, stdout, stderr } = await runCliInProcess(['convert', '-f', dir, ...extra]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`error: ${path.join(dir, 'b-bad.yaml')}:8:5 (document 1, Pod/broken, field spec.containers[0].command): container "a" has no command`);
      expect(stderr).toContain('hint: add "command:"');
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('reports YAML syntax errors with file, line and column', async () => {
    const dir = workspace({ 'bad.yaml': `${POD}---\nkind: [oops\n` });
    const { code, stdout, stderr } = await runCliInProcess(['convert', '-f', path.join(dir, 'bad.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^error: ${path.join(dir, 'bad.yaml').replace(/[/.]/g, '\\$&')}:\\d+:\\d+ \\(document 2\\): YAML syntax error: `));
  });

  it('refuses binary input with a clear message', async () => {
    const dir = workspace({});
    writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
    const { code, stdout, stderr } = await runCliInProcess(['convert', '-f', path.join(dir, 'image.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: ${path.join(dir, 'image.yaml')}: the input is not UTF-8 text (invalid byte 0x89 at byte offset 0): it is not a YAML or JSON manifest\n`);
  });

  it('writes JSON for JSON input, and whatever -o asks for', async () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', command: ['x'] }] } }, null, 2);
    const fromJson = await runCliInProcess(['convert', '-f', '-'], { input: json });
    expect(fromJson.code).toBe(0);
    expect(JSON.parse(fromJson.stdout)).toMatchObject({ kind: 'Pod', spec: { initContainers: [{ name: 'kueueleuleu-prepare' }] } });

    const asJson = await runCliInProcess(['convert', '-f', '-', '-o', 'json'], { input: `${POD}---\n${CONFIG_MAP}` });
    expect(JSON.parse(asJson.stdout)).toMatchObject({ kind: 'List', items: [{ kind: 'Pod' }, { kind: 'ConfigMap' }] });

    const asYaml = await runCliInProcess(['convert', '-f', '-', '-o', 'yaml'], { input: json });
    expect(asYaml.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('uses the entrypoint image it is given', async () => {
    const { stdout } = await runCliInProcess(['convert', '-f', '-', '--entrypoint-image', 'mirror.local/entrypoint:1'], { input: POD });
    expect(stdout).toContain('image: mirror.local/entrypoint:1\n');
  });

  it('refuses already converted objects unless --skip-converted', async () => {
    const converted = (await runCliInProcess(['convert', '-f', '-'], { input: POD })).stdout;
    const again = await runCliInProcess(['convert', '-f', '-'], { input: converted });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('already converted to sequential containers');
    const skipped = await runCliInProcess(['convert', '-f', '-', '--skip-converted'], { input: converted });
    expect(skipped).toEqual({ code: 0, stdout: converted, stderr: 'Pod/two-steps unchanged: already converted\n' });
  });

  it('--compact mounts in each step only the previous and its own run volume, and revert restores the input', async () => {
    const three = POD.replace('    command: [echo, b]\n', '    command: [echo, b]\n  - name: c\n    image: busybox\n    command: [echo, c]\n');
    const full = await runCliInProcess(['convert', '-f', '-'], { input: three });
    const compact = await runCliInProcess(['convert', '-f', '-', '--compact'], { input: three });
    expect(compact.code).toBe(0);
    expect(compact.stderr).toBe('Pod/two-steps converted\n');
    const runMounts = (text: string) => (text.match(/name: tekton-internal-run-\d+\n\s+mountPath/g) ?? []).length;
    expect(runMounts(full.stdout)).toBe(9);
    expect(runMounts(compact.stdout)).toBe(5);
    const reverted = await runCliInProcess(['revert', '-f', '-'], { input: compact.stdout });
    expect(reverted).toMatchObject({ code: 0, stdout: three });
  });

  it('warns on stderr, naming the object, when a converted object is over the API server request limit', async () => {
    const steps = Array.from({ length: 300 }, (_, i) => `  - name: s${i}\n    image: busybox\n    command: [echo, '${i}']\n`).join('');
    const many = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\nspec:\n  restartPolicy: Never\n  containers:\n${steps}`;
    const { code, stderr } = await runCliInProcess(['convert', '-f', '-'], { input: many });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Warning: .*Pod\/many.*: the converted object is [\d.]+ MiB as JSON, over the API server's 3 MiB request limit: convert with --compact/m);
    expect((await runCliInProcess(['convert', '-f', '-', '--compact'], { input: many })).stderr).toBe('Pod/many converted\n');
    // Two conversions of a 300-step Pod (90,000 mounts) take seconds of CPU each: minutes on a loaded machine.
  }, 300_000);

  it('warns on stderr about a Pod whose finished steps would restart', async () => {
    const { code, stderr } = await runCliInProcess(['convert', '-f', '-'], { input: POD.replace('  restartPolicy: Never\n', '') });
    expect(code).toBe(0);
    expect(stderr).toContain('Warning: STDIN:6:1 (document 1, Pod/two-steps, field spec.restartPolicy): restartPolicy is not set and defaults to Always');
  });

  it.each([
    [[], 'error: no input: give -f FILE, -f DIRECTORY or -f - for standard input'],
    [['-f', '/nonexistent/pods.yaml'], 'error: /nonexistent/pods.yaml: the path "/nonexistent/pods.yaml" does not exist'],
    [['-f', '-', '-o', 'xml'], 'error: --output must be yaml or json, got "xml"'],
    [['-f', '-', '--in-place'], 'error: --in-place rewrites files: it cannot be used with -f - (standard input)'],
    [['-f', 'x.yaml', '--in-place', '-o', 'json'], 'error: --in-place keeps each file in its own format: it cannot be combined with --output'],
  ])('rejects %j', async (args, message) => {
    const { code, stdout, stderr } = await runCliInProcess(['convert', ...args], { input: POD });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(message);
  });
});

describe('kubectl kueue revert', { timeout: 30_000 }, () => {
  it('restores what convert started from', async () => {
    const input = fixture('mixed');
    const converted = (await runCliInProcess(['convert', '-f', '-'], { input })).stdout;
    const { code, stdout, stderr } = await runCliInProcess(['revert', '-f', '-'], { input: converted });
    expect(code).toBe(0);
    expect(stdout).toBe(input);
    expect(stderr).toBe('Pod/mixed-pod reverted\nJob/mixed-job reverted\nCronJob/mixed-cron reverted\n');
  });

  it('reverts output of the original tool, putting each command line into command', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['revert', '-f', path.join(FIXTURES, 'single-container.original.yaml')]);
    expect(code).toBe(0);
    expect(stdout).toContain('command:\n    - sh\n    - -c\n    - echo hello\n');
    expect(stderr).toContain('Warning: ');
    expect(stderr).toContain('there is no kueue.dev/original-commands annotation');
  });

  it('passes unconverted objects through, and --strict refuses them', async () => {
    expect(await runCliInProcess(['revert', '-f', '-'], { input: POD })).toEqual({ code: 0, stdout: POD, stderr: 'Pod/two-steps unchanged: not converted\n' });
    const strict = await runCliInProcess(['revert', '-f', '-', '--strict'], { input: POD });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('not converted (--strict)');
  });
});

// Starting a process and loading a bundle takes seconds on a busy machine, not milliseconds.
describe('the built binary', { timeout: 30_000 }, () => {
  it('converts standard input to standard output and reports on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['convert', '-f', '-'], { input: POD });
    expect(code).toBe(0);
    expect(stdout).toContain('- name: kueueleuleu-prepare');
    expect(stderr).toBe('Pod/two-steps converted\n');
  });

  it('keeps the YAML document layer out of the main bundle', () => {
    const main = readFileSync(CLI_BUNDLE, 'utf8');
    const split = readFileSync(path.join(path.dirname(CLI_BUNDLE), 'lib', 'commands-manifest-transform-run.js'), 'utf8');
    expect(split).toContain('kueue.dev/original-commands');
    expect(main).not.toContain('kueue.dev/original-commands');
    expect(main).not.toContain('Excessive alias count');
  });
});
