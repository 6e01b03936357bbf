import { type ConvertiblePodSpec } from './convertible-pod-spec.js';
import { type JsonObject } from './json-value.js';
import { type OriginalCommand } from './original-record.js';
import { setKeyNear } from './ordered-keys.js';
import { type StepSettings, stepSettingArgs } from './step-settings.js';
import {
  BIN_MOUNT_PATH,
  BIN_VOLUME,
  PREPARE_COMMAND,
  PREPARE_CONTAINER_NAME,
  STEPS_MOUNT_PATH,
  STEPS_VOLUME,
  STEP_ENTRYPOINT,
  runDirectory,
  runVolumeName,
  terminationPath,
} from './sequential-constants.js';

/** The init container that copies the entrypoint binary into the shared `/tekton/bin` volume. */
export function prepareInitContainer(entrypointImage: string): JsonObject {
  return {
    name: PREPARE_CONTAINER_NAME,
    image: entrypointImage,
    command: [...PREPARE_COMMAND],
    volumeMounts: [
      { name: BIN_VOLUME, mountPath: BIN_MOUNT_PATH },
      { name: STEPS_VOLUME, mountPath: STEPS_MOUNT_PATH },
    ],
  };
}

/**
 * Step i waits for step i-1's `out` file, runs the original command line through the entrypoint, and
 * writes its own `out` (or `out.err`, which makes every later step fail without running).
 */
export function sequentialArgs(
  step: number,
  command: readonly string[],
  args: readonly string[] | null | undefined,
  settings?: StepSettings,
): string[] {
  const waitFor = step > 0 ? ['-wait_file', `${runDirectory(step - 1)}/out`] : [];
  const [program = '', ...commandRest] = command;
  return [
    ...waitFor,
    '-post_file',
    `${runDirectory(step)}/out`,
    '-step_metadata_dir',
    `${runDirectory(step)}/status`,
    '-termination_path',
    terminationPath(step),
    ...stepSettingArgs(settings),
    '-entrypoint',
    program,
    '--',
    ...commandRest,
    ...(args ?? []),
  ];
}

/**
 * Each step writes only its own run directory; the others are mounted read-only. The original tool mounts
 * every step's run volume in every step (the output grows with the square of the step count); compact
 * mounts only what the entrypoint touches: the previous step's directory (its `-wait_file` and the `.err`
 * sibling that makes this step skip) and the step's own (`-post_file`, `-step_metadata_dir`).
 */
export function sequentialMounts(step: number, stepCount: number, compact = false): JsonObject[] {
  const mounts: JsonObject[] = [{ name: BIN_VOLUME, mountPath: BIN_MOUNT_PATH, readOnly: true }];
  const first = compact ? Math.max(0, step - 1) : 0;
  const end = compact ? step + 1 : stepCount;
  for (let other = first; other < end; other++) {
    const mount: JsonObject = { name: runVolumeName(other), mountPath: runDirectory(other) };
    if (other !== step) mount['readOnly'] = true;
    mounts.push(mount);
  }
  return mounts;
}

/** The volumes convert appends; run volumes have no source, which the API server defaults to emptyDir. */
export function sequentialVolumes(stepCount: number): JsonObject[] {
  const volumes: JsonObject[] = [
    { name: STEPS_VOLUME, emptyDir: {} },
    { name: BIN_VOLUME, emptyDir: {} },
  ];
  for (let step = 0; step < stepCount; step++) volumes.push({ name: runVolumeName(step) });
  return volumes;
}

/**
 * Rewrites a checked pod spec (a private copy: it is changed in place) exactly as the original tool does,
 * and returns the original command lines for the revert record. `compact` mounts fewer run volumes.
 */
/** How a conversion lays out its steps beyond the original tool's defaults. */
export interface SequentialLayout {
  /** Mount in each step only the run volumes it reads or writes (see compact-mode.ts). */
  compact?: boolean;
  /** Per-step settings from the `kueue.dev/steps` annotation, by container name. */
  stepSettings?: ReadonlyMap<string, StepSettings>;
}

export function makePodSpecSequential(pod: ConvertiblePodSpec, entrypointImage: string, layout: SequentialLayout = {}): OriginalCommand[] {
  const { spec, containers, sidecars } = pod;
  const { compact = false, stepSettings = new Map<string, StepSettings>() } = layout;
  const stepCount = containers.length;
  // Init containers run in order: after prepare and the user's own, each sidecar starts (and is running)
  // before the first step, and the kubelet stops it when the last step ends.
  for (const { container } of sidecars) container['restartPolicy'] = 'Always';
  const initContainers = [prepareInitContainer(entrypointImage), ...pod.initContainers, ...sidecars.map((s) => s.container)];
  setKeyNear(spec, 'initContainers', initContainers, { before: 'containers' });
  if (sidecars.length > 0) spec['containers'] = containers.map((c) => c.container);
  spec['volumes'] = [...pod.volumes, ...sequentialVolumes(stepCount)];

  return containers.map(({ container, name, command, args, volumeMounts }, step) => {
    container['command'] = [STEP_ENTRYPOINT];
    setKeyNear(container, 'args', sequentialArgs(step, command, args, stepSettings.get(name)), { after: 'command' });
    container['volumeMounts'] = [...volumeMounts, ...sequentialMounts(step, stepCount, compact)];
    // The kubelet reports the entrypoint's message; a path the user chose stays theirs (their program writes it).
    if (!Object.hasOwn(container, 'terminationMessagePath')) container['terminationMessagePath'] = terminationPath(step);
    return args === undefined ? { name, command } : { name, command, args };
  });
}
