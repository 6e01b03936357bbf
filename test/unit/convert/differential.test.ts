import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertObject } from '../../../shared/convert/convert-object.js';
import { convertManifest } from '../../../shared/convert/manifest-transform.js';
import { comparable } from './comparison.js';
import { faithfulObject } from './faithful-arbitraries.js';
import { convertFixtures, parseYamlStream } from './fixture-files.js';
import { ORIGINAL_MODULE, ORIGINAL_TOOL_REQUIRED, findOriginalTool, runOriginal } from './original-tool.js';

/**
 * Runs kueueleuleu v0.1.0 itself on the same inputs and compares parsed outputs: deep-equal, once Go's
 * zero-value artifacts and our revert record are set aside (see comparison.ts).
 */
const tool = findOriginalTool();
const binary = tool.available ? tool.binary : '';

// Required in CI, unless the module proxy itself refuses to serve the module: then no install step can help,
// and the skip is reported as loudly as it can be. Provide KUEUELEULEU_BIN (or the cached build) to run it.
const mustRun = ORIGINAL_TOOL_REQUIRED && !(!tool.available && tool.refused);
if (!tool.available && !mustRun) {
  console.warn(
    `\n  SKIPPED: differential tests against ${ORIGINAL_MODULE}: ${tool.reason}\n` +
      (tool.refused ? '  (the Go module proxy refuses this module here; set KUEUELEULEU_BIN to a built original to run them)\n' : '  (set KUEUE_REQUIRE_GO=1 to make this a failure)\n'),
  );
}

describe('the original kueueleuleu tool', () => {
  it.runIf(!tool.available && mustRun)('is available (required by CI=true or KUEUE_REQUIRE_GO=1)', () => {
    throw new Error(tool.available ? 'unreachable' : tool.reason);
  });
});

function original(manifest: string): unknown[] {
  const run = runOriginal(binary, manifest);
  if (!run.ok) throw new Error(`the original tool failed: ${run.stderr}`);
  return parseYamlStream(run.stdout);
}

describe.skipIf(!tool.available)('differential: ours and the original tool agree', { timeout: 60_000 }, () => {
  it.each(convertFixtures().map((f) => [f.name, f] as const))('on fixture %s (and the stored expectation is its real output)', (_name, fixture) => {
    const run = runOriginal(binary, fixture.input);
    expect(run).toEqual({ ok: true, stdout: fixture.original });
    const ours = parseYamlStream(convertManifest(fixture.input).chunks.join(''));
    expect(ours.map(comparable)).toEqual(original(fixture.input).map(comparable));
  });

  it('on random Pods, Jobs and CronJobs', () => {
    fc.assert(
      fc.property(faithfulObject, (object) => {
        const outcome = convertObject(object);
        if (outcome.status !== 'transformed') throw new Error(`not converted: ${outcome.status}`);
        expect(comparable(outcome.object)).toEqual(original(JSON.stringify(object)).map(comparable)[0]);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});

describe.skipIf(!tool.available)('the original tool really has the defects we fix (so the comparison exceptions are real)', { timeout: 60_000 }, () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # comment\nspec:\n  containers:\n  - name: a\n    command: [x]\n';

  it('1. loses quantities and false/0 values', () => {
    const input = pod.replace('command: [x]', 'command: [x]\n    resources: {requests: {cpu: 100m}}\n    securityContext: {runAsUser: 0, allowPrivilegeEscalation: false}');
    const [theirs] = original(input) as { spec: { containers: Record<string, unknown>[] } }[];
    expect(theirs?.spec.containers[0]).toMatchObject({ resources: { requests: { cpu: '0' } }, securityContext: {} });
  });

  it('2. nests entrypoints when converting twice', () => {
    const once = runOriginal(binary, pod);
    if (!once.ok) throw new Error(once.stderr);
    const [theirs] = original(once.stdout) as { spec: { initContainers: { name: string }[] } }[];
    expect(theirs?.spec.initContainers.map((c) => c.name)).toEqual(['kueueleuleu-prepare', 'kueueleuleu-prepare']);
  });

  it('3. does not see clashes with its own names', () => {
    const input = `${pod}  volumes:\n  - name: tekton-internal-bin\n    emptyDir: {}\n`;
    const [theirs] = original(input) as { spec: { volumes: { name: string }[] } }[];
    expect(theirs?.spec.volumes.filter((v) => v.name === 'tekton-internal-bin')).toHaveLength(2);
  });

  it('4. stops at a syntax error with exit 0 after printing earlier documents', () => {
    const run = runOriginal(binary, `${pod}---\nkind: [broken\n`);
    expect(run.ok).toBe(true);
    expect(parseYamlStream(run.ok ? run.stdout : '')).toHaveLength(1);
  });

  it('5. drops comments', () => {
    const run = runOriginal(binary, pod);
    expect(run.ok && !run.stdout.includes('# comment')).toBe(true);
  });

  it('6. rejects every other kind', () => {
    const run = runOriginal(binary, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(run).toMatchObject({ ok: false, stderr: expect.stringContaining('unknown k8s object: (v1, ConfigMap)') as unknown });
  });
});
