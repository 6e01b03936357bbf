import { describe, expect, it } from 'vitest';
import { COMPACT_ANNOTATION } from '../../../shared/convert/compact-mode.js';
import { convertPod } from '../../../shared/convert/convert-object.js';
import { revertPod } from '../../../shared/convert/revert-object.js';
import { userErrorsOf } from '../../../shared/convert/problems.js';
import { deepFreeze } from './deep-freeze.js';

interface Mount { name: string; mountPath: string; readOnly?: boolean }
interface Step { name: string; args: string[]; volumeMounts: Mount[] }

function podWithSteps(count: number, annotations?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `steps-${count}`, ...(annotations ? { annotations } : {}) },
    spec: {
      restartPolicy: 'Never',
      containers: Array.from({ length: count }, (_, i) => ({
        name: `s${i}`,
        image: 'alpine',
        command: ['sh', '-c', `echo ${i}`],
        ...(i === 1 ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}),
      })),
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
}

function stepsOf(converted: unknown): Step[] {
  return (converted as { spec: { containers: Step[] } }).spec.containers;
}

function flag(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 || at > args.indexOf('--') ? undefined : args[at + 1];
}

/** The mount that holds `file` inside the container, or undefined (the path is in the read-only image root). */
function mountFor(step: Step, file: string): Mount | undefined {
  return step.volumeMounts.find((m) => file.startsWith(`${m.mountPath}/`));
}

type Outcome = 'ran' | 'failed' | 'skipped' | 'waits-forever' | 'cannot-write';

/**
 * The entrypoint's behaviour, as the reference describes it, over volumes shared by name: a step polls its
 * `-wait_file` (and the `.err` sibling) through its own mounts, runs, then writes `-post_file` or its `.err`.
 * Files live in volumes, so a step sees another step's file only when it mounts the same volume.
 */
function runSteps(steps: readonly Step[], failing: ReadonlySet<number>): Outcome[] {
  const volumes = new Map<string, Set<string>>();
  const resolve = (step: Step, file: string) => {
    const mount = mountFor(step, file);
    return mount && { mount, volume: mount.name, relative: file.slice(mount.mountPath.length) };
  };
  const write = (step: Step, file: string): boolean => {
    const at = resolve(step, file);
    if (!at || at.mount.readOnly === true) return false;
    const files = volumes.get(at.volume) ?? new Set<string>();
    files.add(at.relative);
    volumes.set(at.volume, files);
    return true;
  };
  const exists = (step: Step, file: string): boolean => {
    const at = resolve(step, file);
    return at !== undefined && (volumes.get(at.volume)?.has(at.relative) ?? false);
  };

  return steps.map((step, index): Outcome => {
    const waitFile = flag(step.args, '-wait_file');
    const postFile = flag(step.args, '-post_file');
    const metadataDir = flag(step.args, '-step_metadata_dir');
    if (postFile === undefined || metadataDir === undefined) throw new Error(`step ${index} has no -post_file/-step_metadata_dir`);
    if (!write(step, `${metadataDir}/.probe`)) return 'cannot-write';
    if (waitFile !== undefined) {
      if (exists(step, `${waitFile}.err`)) return write(step, `${postFile}.err`) ? 'skipped' : 'cannot-write';
      if (!exists(step, waitFile)) return 'waits-forever';
    }
    const fails = failing.has(index);
    if (!write(step, fails ? `${postFile}.err` : postFile)) return 'cannot-write';
    return fails ? 'failed' : 'ran';
  });
}

describe('--compact mounts', () => {
  it('mounts in each step only the previous run volume (read-only) and its own (writable)', () => {
    const steps = stepsOf(convertPod(podWithSteps(4), { compact: true }).object);
    const runMounts = steps.map((s) => s.volumeMounts.filter((m) => m.name.startsWith('tekton-internal-run-')));
    expect(runMounts).toEqual([
      [{ name: 'tekton-internal-run-0', mountPath: '/tekton/run/0' }],
      [
        { name: 'tekton-internal-run-0', mountPath: '/tekton/run/0', readOnly: true },
        { name: 'tekton-internal-run-1', mountPath: '/tekton/run/1' },
      ],
      [
        { name: 'tekton-internal-run-1', mountPath: '/tekton/run/1', readOnly: true },
        { name: 'tekton-internal-run-2', mountPath: '/tekton/run/2' },
      ],
      [
        { name: 'tekton-internal-run-2', mountPath: '/tekton/run/2', readOnly: true },
        { name: 'tekton-internal-run-3', mountPath: '/tekton/run/3' },
      ],
    ]);
    // User mounts and the entrypoint binary stay where they were.
    expect(steps[1]?.volumeMounts[0]).toEqual({ name: 'data', mountPath: '/data' });
    expect(steps.every((s) => s.volumeMounts.some((m) => m.name === 'tekton-internal-bin' && m.readOnly === true))).toBe(true);
  });

  it('changes nothing but the run mounts: args and volumes are those of the default conversion', () => {
    const full = convertPod(podWithSteps(5)).object as unknown as { spec: { volumes: unknown; containers: Step[] } };
    const compact = convertPod(podWithSteps(5), { compact: true }).object as unknown as { spec: { volumes: unknown; containers: Step[] } };
    expect(compact.spec.volumes).toEqual(full.spec.volumes);
    expect(compact.spec.containers.map((c) => c.args)).toEqual(full.spec.containers.map((c) => c.args));
  });

  it('runs the steps in order and cascades a failure exactly as the full mounts do', () => {
    const count = 6;
    const full = stepsOf(convertPod(podWithSteps(count)).object);
    const compact = stepsOf(convertPod(podWithSteps(count), { compact: true }).object);
    expect(runSteps(compact, new Set())).toEqual(Array(count).fill('ran'));
    for (let failing = 0; failing < count; failing++) {
      const expected: Outcome[] = Array.from({ length: count }, (_, i) => (i < failing ? 'ran' : i === failing ? 'failed' : 'skipped'));
      expect(runSteps(full, new Set([failing]))).toEqual(expected);
      expect(runSteps(compact, new Set([failing]))).toEqual(expected);
    }
  });

  it('the model notices a step that cannot see its wait file (so the cascade check can fail)', () => {
    const compact = stepsOf(convertPod(podWithSteps(3), { compact: true }).object);
    const blind = compact.map((s, i) => (i === 2 ? { ...s, volumeMounts: s.volumeMounts.filter((m) => m.name !== 'tekton-internal-run-1') } : s));
    expect(runSteps(blind, new Set())).toEqual(['ran', 'ran', 'waits-forever']);
    expect(runSteps(blind, new Set([0]))).toEqual(['failed', 'skipped', 'waits-forever']);
  });

  it('grows linearly with the step count instead of with its square', () => {
    const size = (count: number, compact: boolean) => JSON.stringify(convertPod(podWithSteps(count), { compact }).object).length;
    // Up to MAX_FULL_MOUNT_STEPS (300): more steps are refused with full mounts.
    const growth = (compact: boolean) => (size(300, compact) - size(150, compact)) / (size(150, compact) - size(75, compact));
    expect(growth(true)).toBeLessThan(2.2);
    expect(growth(false)).toBeGreaterThan(2.8);
  });

  it('reverts to exactly the original object', () => {
    for (const count of [0, 1, 2, 7]) {
      const original = deepFreeze(podWithSteps(count));
      expect(revertPod(convertPod(original, { compact: true }).object).object).toEqual(original);
    }
    const annotated = deepFreeze(podWithSteps(3, { [COMPACT_ANNOTATION]: 'true' }));
    expect(revertPod(convertPod(annotated).object).object).toEqual(annotated);
  });
});

describe(`annotation ${COMPACT_ANNOTATION}`, () => {
  it('"true" asks for compact mounts and stays on the object', () => {
    const converted = convertPod(podWithSteps(3, { [COMPACT_ANNOTATION]: 'true' })).object;
    expect(stepsOf(converted)[2]?.volumeMounts.map((m) => m.name)).toEqual(['tekton-internal-bin', 'tekton-internal-run-1', 'tekton-internal-run-2']);
    expect(((converted as unknown) as { metadata: { annotations: Record<string, string> } }).metadata.annotations[COMPACT_ANNOTATION]).toBe('true');
  });

  it('"false" keeps the full mounts of the original tool', () => {
    const converted = convertPod(podWithSteps(3, { [COMPACT_ANNOTATION]: 'false' })).object;
    expect(stepsOf(converted)[0]?.volumeMounts).toHaveLength(4);
  });

  it('any other value is an error naming the object and the field', () => {
    let thrown: unknown;
    try {
      convertPod(podWithSteps(2, { [COMPACT_ANNOTATION]: 'yes' }));
    } catch (err) {
      thrown = err;
    }
    const errors = userErrorsOf(thrown);
    expect(errors).toHaveLength(1);
    const [error] = errors ?? [];
    expect(error?.message).toBe(`annotation ${COMPACT_ANNOTATION} must be "true" or "false", not "yes"`);
    expect(error?.location).toMatchObject({ object: 'Pod/steps-2', field: 'metadata.annotations["kueue.dev/compact"]' });
    expect(error?.hint).toMatch(/set it to "true"/);
  });
});

describe('size warnings', () => {
  it('warns, naming the object, when the output is over the API server request limit', () => {
    const { warnings } = convertPod(podWithSteps(300));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^the converted object is [\d.]+ MiB as JSON, over the API server's 3 MiB request limit: convert with --compact/)]);
    expect(warnings[0]?.location).toEqual({ object: 'Pod/steps-300' });
  });

  it("warns when the output is over etcd's 1.5 MiB object limit", () => {
    const { warnings } = convertPod(podWithSteps(150));
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^the converted object is [\d.]+ MiB as JSON and may be over etcd's 1.5 MiB object limit/)]);
  });

  it('says nothing about size when the compact output fits', () => {
    expect(convertPod(podWithSteps(300), { compact: true }).warnings).toEqual([]);
  });
});
